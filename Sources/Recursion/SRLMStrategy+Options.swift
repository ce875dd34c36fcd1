extension SRLMStrategy {
    /// SRLM's own options.
    public struct Options: StrategySpecificOptions {
        /// How many candidate programs.
        public var candidates: Int
        /// What each candidate is: `agent` or `rlm`.
        public var candidateStrategy: StrategyKind
        /// The sampling temperature of candidates (each also gets its own seed).
        public var candidateTemperature: Double

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
