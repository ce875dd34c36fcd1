extension SRLMStrategy {
    /// SRLM's own options.
    public struct Options: StrategySpecificOptions {
        /// How many candidate programs.
        public var candidates: Int
        /// What each candidate is: `agent` or `rlm`.
        public var candidateStrategy: StrategyKind
        /// The sampling temperature of candidates (each also gets its own seed).
        public var candidateTemperature: Double
        /// `--candidates auto`: start with `minimum` candidates, add while the answers disagree,
        /// up to `maximum`; nil for a fixed K (`candidates`).
        public var adaptiveCandidates: CandidateRange?

        /// The defaults of DESIGN §7: 8 `rlm` candidates at temperature 0.8.
        public init() { self.init(candidates: 8) }

        /// Creates options.
        public init(candidates: Int, candidateStrategy: StrategyKind = .rlm, candidateTemperature: Double = 0.8) {
            self.candidates = candidates
            self.candidateStrategy = candidateStrategy
            self.candidateTemperature = candidateTemperature
        }

        public var problem: String? {
            if candidates < 1 || candidates > 64 { return "SRLM candidates must be between 1 and 64 (got \(candidates))" }
            if ![.agent, .rlm].contains(candidateStrategy) {
                return "an SRLM candidate must be an agent or rlm run (got \(candidateStrategy))"
            }
            if !candidateTemperature.isFinite || candidateTemperature < 0 || candidateTemperature > 2 {
                return "the SRLM candidate temperature must be in 0…2 (got \(candidateTemperature))"
            }
            if let range = adaptiveCandidates, range.minimum < 2 || range.maximum < range.minimum || range.maximum > 64 {
                return "adaptive SRLM needs 2 ≤ minimum ≤ maximum ≤ 64 candidates (got \(range.minimum) and \(range.maximum))"
            }
            return nil
        }
    }
}

extension StrategyOptions {
    /// SRLM's options.
    public var srlm: SRLMStrategy.Options {
        get { self[SRLMStrategy.Options.self] }
        set { self[SRLMStrategy.Options.self] = newValue }
    }
}

/// Adaptive SRLM's bounds on the number of candidates.
public struct CandidateRange: Sendable, Codable, Equatable {
    /// Candidates started at once (at least 2: one cannot disagree).
    public var minimum: Int
    /// The most candidates ever started.
    public var maximum: Int

    /// Creates a range.
    public init(minimum: Int = 2, maximum: Int = 8) {
        self.minimum = minimum
        self.maximum = maximum
    }
}
