import Foundation

/// What SRLM needs to know about one finished candidate program.
public struct SRLMCandidateSummary: Sendable, Codable, Equatable {
    /// The candidate's position (0-based); also the final tie-break.
    public var index: Int
    /// Its final answer (empty when it gave none).
    public var answer: String
    /// The verbalized confidence ν in (0, 100] of each of its model turns that reported one.
    public var confidences: [Double]
    /// Its reasoning + output (completion) tokens.
    public var tokens: Int

    /// Creates a summary.
    public init(index: Int, answer: String, confidences: [Double], tokens: Int) {
        self.index = index
        self.answer = answer
        self.confidences = confidences
        self.tokens = tokens
    }
}

/// One candidate's scores, as recorded in `selection.json`.
public struct SRLMCandidateScore: Sendable, Codable, Equatable {
    /// The candidate's index.
    public var index: Int
    /// Its answer, normalized for voting.
    public var normalizedAnswer: String
    /// VC = Σ log(ν/100) over its turns (a turn without ν counts as ν = 50).
    public var verbalizedConfidence: Double
    /// Len = reasoning + output tokens (at least 1).
    public var length: Int
    /// s = VC · Len; larger is better (confident and short wins).
    public var score: Double
    /// Whether its answer is in the majority group.
    public var inMajority: Bool
}

/// The outcome of SRLM selection: the winner and every candidate's scores.
public struct SRLMSelection: Sendable, Codable, Equatable {
    /// Index of the chosen candidate, or nil when no candidate answered.
    public var chosen: Int?
    /// The normalized majority answer.
    public var majorityAnswer: String?
    /// How many candidates gave the majority answer.
    public var majorityVotes: Int
    /// Scores of all candidates, by index.
    public var scores: [SRLMCandidateScore]

    /// Self-consistency, then s = VC·Len: keep the candidates whose normalized answer is the
    /// majority; among them pick the largest s. Ties: more votes for the group, then the larger
    /// best score, then the smaller normalized answer; within the group the lower index.
    public static func select(_ candidates: [SRLMCandidateSummary]) -> SRLMSelection {
        let neutral = log(0.5)
        var scores = candidates.map { candidate in
            let vc = candidate.confidences.isEmpty
                ? neutral
                : candidate.confidences.reduce(0) { $0 + log(min(max($1, 0.01), 100) / 100) }
            let length = max(candidate.tokens, 1)
            return SRLMCandidateScore(
                index: candidate.index, normalizedAnswer: AnswerNormalizer.normalize(candidate.answer),
                verbalizedConfidence: vc, length: length, score: vc * Double(length), inMajority: false)
        }
        let groups = Dictionary(grouping: scores.filter { !$0.normalizedAnswer.isEmpty }, by: \.normalizedAnswer)
        guard let majority = groups.max(by: { lhs, rhs in
            if lhs.value.count != rhs.value.count { return lhs.value.count < rhs.value.count }
            let lhsBest = lhs.value.map(\.score).max()!, rhsBest = rhs.value.map(\.score).max()!
            if lhsBest != rhsBest { return lhsBest < rhsBest }
            return lhs.key > rhs.key
        }) else {
            return SRLMSelection(chosen: nil, majorityAnswer: nil, majorityVotes: 0, scores: scores)
        }
        for position in scores.indices where scores[position].normalizedAnswer == majority.key {
            scores[position].inMajority = true
        }
        let winner = majority.value.max { lhs, rhs in
            lhs.score != rhs.score ? lhs.score < rhs.score : lhs.index > rhs.index
        }!
        return SRLMSelection(chosen: winner.index, majorityAnswer: majority.key, majorityVotes: majority.value.count, scores: scores)
    }
}
