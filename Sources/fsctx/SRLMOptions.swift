import ArgumentParser
import Recursion

/// SRLM's options, shared by `run`, `bench` and `demo`.
struct SRLMOptions: ParsableArguments {
    @Option(name: .long, help: "SRLM: candidate programs, a number or `auto` (start with --min-candidates, add while answers disagree, up to --max-candidates).")
    var candidates: String = "8"

    @Option(name: .customLong("min-candidates"), help: "SRLM --candidates auto: candidates started at once (at least 2).")
    var minCandidates: Int = 2

    @Option(name: .customLong("max-candidates"), help: "SRLM --candidates auto: the most candidates started.")
    var maxCandidates: Int = 8

    @Option(name: .customLong("candidate-strategy"), help: "SRLM: what each candidate is, agent or rlm.")
    var candidateStrategy: String = "rlm"

    @Option(name: .customLong("candidate-temperature"), help: "SRLM: sampling temperature of the candidates (each also has its own seed).")
    var candidateTemperature: Double = 0.8

    /// Checks the values and writes them into `options`.
    func apply(to options: inout StrategyOptions) throws {
        guard ["agent", "rlm"].contains(candidateStrategy) else {
            throw ValidationError("--candidate-strategy must be agent or rlm, not '\(candidateStrategy)'")
        }
        guard candidateTemperature.isFinite, candidateTemperature >= 0, candidateTemperature <= 2 else {
            throw ValidationError("--candidate-temperature must be in 0…2")
        }
        options.candidateStrategy = candidateStrategy
        options.candidateTemperature = candidateTemperature
        if candidates == "auto" {
            guard minCandidates >= 2, maxCandidates >= minCandidates else {
                throw ValidationError("--candidates auto needs 2 ≤ --min-candidates ≤ --max-candidates (got \(minCandidates) and \(maxCandidates))")
            }
            options.adaptiveCandidates = CandidateRange(minimum: minCandidates, maximum: maxCandidates)
            options.candidates = maxCandidates
        } else {
            guard let count = Int(candidates), count >= 1 else {
                throw ValidationError("--candidates must be a number ≥ 1 or auto, not '\(candidates)'")
            }
            options.candidates = count
            options.adaptiveCandidates = nil
        }
    }

    /// The options with these SRLM settings, or a one-line failure.
    func strategyOptions(_ base: StrategyOptions = StrategyOptions()) -> StrategyOptions {
        var options = base
        do { try apply(to: &options) } catch { fail((error as? ValidationError)?.message ?? "\(error)") }
        return options
    }
}
