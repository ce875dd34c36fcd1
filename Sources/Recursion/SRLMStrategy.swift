import FSContext
import Foundation
import Models
import Shell

/// `srlm`, self-reflective program search: K candidate programs (each an `agent` or `rlm` run
/// with its own seed and temperature) run in parallel on sibling branches; the candidates
/// whose normalized answer is the majority are kept, and among them the largest
/// s = VC·Len wins (`SRLMSelection`). A selection commit joins the branches and holds
/// `selection.json` with every candidate's scores.
public struct SRLMStrategy: Strategy {
    /// `srlm`.
    public let name = "srlm"

    /// Creates the strategy.
    public init() {}

    public func run(question: String, environment: RunEnvironment, scope: AgentScope) async -> StrategyOutcome {
        let options = environment.configuration.options
        let recursive = options.candidateStrategy == "rlm"
        let recorder = environment.recorder
        let candidates: [(scope: AgentScope, outcome: StrategyOutcome)]
        do {
            let base = try await recorder.head(scope.branch)
            var scopes: [AgentScope] = []
            for index in 0..<max(1, options.candidates) {
                let name = "c\(index + 1)"
                let branch = try await recorder.branch(from: base, name: scope.path == "root" ? name : "\(scope.branchName).\(name)")
                scopes.append(scope.child(name, branch: branch, ledger: scope.ledger.sibling(),
                                          seed: options.seed + index + 1, temperature: options.candidateTemperature))
            }
            candidates = await withTaskGroup(of: (Int, StrategyOutcome).self) { group in
                for (index, candidate) in scopes.enumerated() {
                    group.addTask {
                        (index, await runAgent(question: question, environment: environment, scope: candidate, subcalls: recursive))
                    }
                }
                var results: [(Int, StrategyOutcome)] = []
                for await result in group { results.append(result) }
                return results.sorted { $0.0 < $1.0 }.map { (scopes[$0.0], $0.1) }
            }
        } catch {
            return failure(error, environment: environment, scope: scope)
        }

        let summaries = candidates.enumerated().map { index, candidate in
            let own = candidate.outcome.ownUsage?.completionTokens ?? candidate.scope.ledger.usage.completionTokens
            return SRLMCandidateSummary(index: index, answer: candidate.outcome.answer ?? "", confidences: candidate.outcome.confidences,
                                        tokens: own, subcallTokens: max(0, candidate.scope.ledger.usage.completionTokens - own))
        }
        let selection = SRLMSelection.select(summaries)
        let record = SRLMRecord(selection: selection, candidates: candidates.map {
            .init(agent: $0.scope.path, branch: $0.scope.branch.reference, answer: $0.outcome.answer,
                  answerConfidence: $0.outcome.answerConfidence, stopReason: $0.outcome.stopReason,
                  usage: $0.scope.ledger.usage, ownUsage: $0.outcome.ownUsage)
        })
        let chosen = selection.chosen.map { candidates[$0] }
        do {
            let verdict = chosen.map { "chose \($0.scope.path) (\(selection.majorityVotes)/\(candidates.count) agree): \($0.outcome.answer ?? "")" }
                ?? "no candidate answered"
            try await recorder.merge(
                candidates.map(\.scope.branch), into: scope.branch,
                files: ["selection.json": Array(JSONValue.encoding(record).prettyText.utf8)],
                message: "select \(RunEnvironment.abbreviate(verdict))",
                trailers: ["Fsctx-Kind": "selection", "Fsctx-Candidates": "\(candidates.count)",
                           "Fsctx-Votes": "\(selection.majorityVotes)"])
        } catch {
            environment.noteError("recording the selection failed: \(error)")
        }
        guard let chosen else {
            let stop = candidates.first { $0.outcome.stopReason != .answered }?.outcome.stopReason ?? .noAnswer
            return StrategyOutcome(answer: nil, stopReason: stop, selection: selection)
        }
        return StrategyOutcome(answer: chosen.outcome.answer, stopReason: .answered, confidences: chosen.outcome.confidences,
                               answerConfidence: chosen.outcome.answerConfidence, selection: selection)
    }
}

/// What `selection.json` holds: the selection and each candidate's result.
struct SRLMRecord: Codable, Sendable {
    struct Candidate: Codable, Sendable {
        var agent: String
        var branch: String
        var answer: String?
        /// The ν given with its answer.
        var answerConfidence: Double?
        var stopReason: StopReason
        /// Its whole usage, sub-calls included.
        var usage: TokenUsage
        /// Its own model usage, without its sub-calls'.
        var ownUsage: TokenUsage?
    }

    var selection: SRLMSelection
    var candidates: [Candidate]
}
