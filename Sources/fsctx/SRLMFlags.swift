import ArgumentParser
import Recursion

/// SRLM's flags, shared by `run`, `bench` (through `StrategyFlags`) and `demo`.
struct SRLMFlags: ParsableArguments {
    @Option(name: .long, help: "SRLM: candidate programs, a number or `auto` (start with --min-candidates, add while answers disagree, up to --max-candidates).")
    var candidates: String = "8"

    @Option(name: .customLong("min-candidates"), help: "SRLM --candidates auto: candidates started at once (at least 2).")
    var minCandidates: Int = 2

    @Option(name: .customLong("max-candidates"), help: "SRLM --candidates auto: the most candidates started.")
    var maxCandidates: Int = 8

    @Option(name: .customLong("candidate-strategy"), help: "SRLM: what each candidate is, agent or rlm.")
    var candidateStrategy: StrategyKind = .rlm

    @Option(name: .customLong("candidate-temperature"), help: "SRLM: sampling temperature of the candidates, 0…2 (each also has its own seed).")
    var candidateTemperature: Double = 0.8

    func validate() throws {
        if candidates != "auto", Int(candidates) == nil {
            throw ValidationError("--candidates must be a number or auto, not '\(candidates)'")
        }
        if let problem = options.problem { throw ValidationError(problem) }
    }

    /// SRLM's options these flags describe.
    var options: SRLMStrategy.Options {
        var options = SRLMStrategy.Options(candidates: Int(candidates) ?? maxCandidates, candidateStrategy: candidateStrategy,
                                           candidateTemperature: candidateTemperature)
        if candidates == "auto" { options.adaptiveCandidates = CandidateRange(minimum: minCandidates, maximum: maxCandidates) }
        return options
    }
}
