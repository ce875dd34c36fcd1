import Foundation

/// What SRLM needs to know about one finished candidate program.
public struct SRLMCandidateSummary: Sendable, Codable, Equatable {
    /// The candidate's position (0-based); also the final tie-break.
    public var index: Int
    /// Its final answer (empty when it gave none).
    public var answer: String
    /// The verbalized confidence ν in (0, 100] of each of its model turns, in order; nil for a
    /// turn that stated none (it counts as ν = 50).
    public var confidences: [Double?]
    /// Len: its own reasoning + output tokens (its sub-calls' are not included).
    public var tokens: Int
    /// Reasoning + output tokens of its sub-calls (recorded, not scored).
    public var subcallTokens: Int

    /// Creates a summary.
    public init(index: Int, answer: String, confidences: [Double?], tokens: Int, subcallTokens: Int = 0) {
        self.index = index
        self.answer = answer
        self.confidences = confidences
        self.tokens = tokens
        self.subcallTokens = subcallTokens
    }
}

/// One candidate's scores, as recorded in `selection.json`.
public struct SRLMCandidateScore: Sendable, Codable, Equatable {
    /// The candidate's index.
    public var index: Int
    /// Its answer as given (empty when none).
    public var answer: String
    /// Its answer, normalized for voting.
    public var normalizedAnswer: String
    /// The key of the answer group it votes for (`AnswerGroups`); nil when it gave no answer.
    public var group: String?
    /// ν of each of its model turns (nil: the turn stated none and counts as 50).
    public var turnConfidences: [Double?]
    /// VC = Σ over every turn of log(ν/100), a turn without ν counting as ν = 50.
    public var verbalizedConfidence: Double
    /// Len = its own reasoning + output tokens (at least 1).
    public var length: Int
    /// Reasoning + output tokens of its sub-calls (not part of Len).
    public var subcallTokens: Int
    /// s = VC · Len; larger is better (confident and short wins).
    public var score: Double
    /// Whether its answer is in the majority group.
    public var inMajority: Bool
    /// True when adaptive SRLM cancelled it (it cast no vote; re-selection leaves it out).
    public var cancelled: Bool?

    /// The summary this score was computed from (for re-selection from records).
    public var summary: SRLMCandidateSummary {
        SRLMCandidateSummary(index: index, answer: answer, confidences: turnConfidences, tokens: length, subcallTokens: subcallTokens)
    }
}

/// The outcome of SRLM selection: the winner and every candidate's scores.
public struct SRLMSelection: Sendable, Codable, Equatable {
    /// Index of the chosen candidate, or nil when no candidate answered.
    public var chosen: Int?
    /// The majority group's key (its shortest normalized answer).
    public var majorityAnswer: String?
    /// How many candidates gave the majority answer.
    public var majorityVotes: Int
    /// Scores of all candidates, by index.
    public var scores: [SRLMCandidateScore]

    /// The ν a turn without a stated confidence counts as.
    public static let neutralConfidence = 50.0

    /// Scores every candidate: VC over every turn (ν = 50 where none was stated; a candidate
    /// with no turn at all counts as one such turn), Len = its own tokens, s = VC·Len.
    public static func scores(_ candidates: [SRLMCandidateSummary]) -> [SRLMCandidateScore] {
        let groups = AnswerGroups(candidates.map(\.answer))
        return candidates.enumerated().map { position, candidate in
            let turns = candidate.confidences.isEmpty ? [nil] : candidate.confidences
            let vc = turns.reduce(0.0) { $0 + log(min(max($1 ?? neutralConfidence, 0.01), 100) / 100) }
            let length = max(candidate.tokens, 1)
            return SRLMCandidateScore(
                index: candidate.index, answer: candidate.answer, normalizedAnswer: AnswerNormalizer.normalize(candidate.answer),
                group: groups.keys[position], turnConfidences: candidate.confidences, verbalizedConfidence: vc,
                length: length, subcallTokens: candidate.subcallTokens, score: vc * Double(length), inMajority: false)
        }
    }

    /// Self-consistency, then s = VC·Len: keep the candidates whose answer group
    /// (`AnswerGroups`) is the majority; among them pick the largest s. Ties: more votes for the
    /// group, then the larger best score, then the smaller group key; within the group the
    /// lower index.
    public static func select(_ candidates: [SRLMCandidateSummary]) -> SRLMSelection {
        var scores = scores(candidates)
        guard let majority = majorityGroup(scores, tieBreak: .bestScore) else {
            return SRLMSelection(chosen: nil, majorityAnswer: nil, majorityVotes: 0, scores: scores)
        }
        for position in scores.indices where scores[position].group == majority.key {
            scores[position].inMajority = true
        }
        let winner = best(majority.members, by: \.score)!
        return SRLMSelection(chosen: winner.index, majorityAnswer: majority.key, majorityVotes: majority.members.count, scores: scores)
    }

    /// How a tie between equally large answer groups is broken.
    enum GroupTieBreak {
        /// The group with the larger best s (SRLM).
        case bestScore
        /// The group whose first member comes first (majority vote alone, no other signal).
        case firstIndex
    }

    /// The largest answer group among `scores`, or nil when nobody answered.
    static func majorityGroup(_ scores: [SRLMCandidateScore], tieBreak: GroupTieBreak)
        -> (key: String, members: [SRLMCandidateScore])?
    {
        let groups = Dictionary(grouping: scores.filter { $0.group != nil }, by: { $0.group! })
        return groups.max { lhs, rhs in
            if lhs.value.count != rhs.value.count { return lhs.value.count < rhs.value.count }
            switch tieBreak {
            case .bestScore:
                let lhsBest = lhs.value.map(\.score).max()!, rhsBest = rhs.value.map(\.score).max()!
                if lhsBest != rhsBest { return lhsBest < rhsBest }
            case .firstIndex:
                let lhsFirst = lhs.value.map(\.index).min()!, rhsFirst = rhs.value.map(\.index).min()!
                if lhsFirst != rhsFirst { return lhsFirst > rhsFirst }
            }
            return lhs.key > rhs.key
        }.map { (key: $0.key, members: $0.value) }
    }

    /// The candidate with the largest `value`, the lower index on a tie; nil for none.
    static func best(_ scores: [SRLMCandidateScore], by value: (SRLMCandidateScore) -> Double) -> SRLMCandidateScore? {
        scores.max { lhs, rhs in
            value(lhs) != value(rhs) ? value(lhs) < value(rhs) : lhs.index > rhs.index
        }
    }
}
