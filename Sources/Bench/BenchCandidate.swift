import Recursion

/// One SRLM candidate of a result row, as recorded for re-selection (`fsctx reselect --results`)
/// and the comparison's oracle, selection accuracy and AUROC.
public struct BenchCandidate: Codable, Sendable, Hashable {
    /// Its answer (empty when none).
    public var answer: String
    /// ν of each of its model turns (nil: none stated, counts as 50).
    public var confidences: [Double?]
    /// Len: its own reasoning + output tokens.
    public var tokens: Int
    /// Its sub-calls' reasoning + output tokens.
    public var subcallTokens: Int
    /// Its answer's score against the task's answers (filled in by the bench runner).
    public var score: Double?
    /// Whether SRLM chose it.
    public var chosen: Bool
    /// True when adaptive SRLM cancelled it (left out of re-selection).
    public var cancelled: Bool?

    /// Creates a candidate.
    public init(answer: String, confidences: [Double?], tokens: Int, subcallTokens: Int = 0, score: Double? = nil, chosen: Bool = false) {
        self.answer = answer
        self.confidences = confidences
        self.tokens = tokens
        self.subcallTokens = subcallTokens
        self.score = score
        self.chosen = chosen
    }

    /// The candidates of an SRLM selection, in candidate order.
    public static func from(_ selection: SRLMSelection) -> [BenchCandidate] {
        selection.scores.sorted { $0.index < $1.index }.map { score in
            var candidate = BenchCandidate(answer: score.answer, confidences: score.turnConfidences, tokens: score.length,
                           subcallTokens: score.subcallTokens, chosen: score.index == selection.chosen)
            candidate.cancelled = score.cancelled
            return candidate
        }
    }

    /// As a summary for selection, at `index`.
    public func summary(index: Int) -> SRLMCandidateSummary {
        SRLMCandidateSummary(index: index, answer: answer, confidences: confidences, tokens: tokens, subcallTokens: subcallTokens)
    }

    enum CodingKeys: String, CodingKey {
        case answer, confidences, tokens, score, chosen, cancelled
        case subcallTokens = "subcall_tokens"
    }
}
