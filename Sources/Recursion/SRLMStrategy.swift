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
        let recorder = environment.recorder
        let candidates: [SRLMCandidatePool.Finished]
        do {
            candidates = try await SRLMCandidatePool(question: question, environment: environment, scope: scope).run()
        } catch {
            return failure(error, environment: environment, scope: scope)
        }

        let summaries = candidates.enumerated().map { index, candidate in
            if candidate.cancelled {  // a cancelled candidate casts no vote
                return SRLMCandidateSummary(index: index, answer: "", confidences: candidate.outcome.confidences,
                                            tokens: candidate.outcome.ownUsage?.completionTokens ?? 0)
            }
            let own = candidate.outcome.ownUsage?.completionTokens ?? candidate.scope.ledger.usage.completionTokens
            return SRLMCandidateSummary(index: index, answer: candidate.outcome.answer ?? "", confidences: candidate.outcome.confidences,
                                        tokens: own, subcallTokens: max(0, candidate.scope.ledger.usage.completionTokens - own))
        }
        let selection = SRLMSelection.select(summaries)
        let record = SRLMRecord(selection: selection, candidates: candidates.map {
            .init(agent: $0.scope.path, branch: $0.scope.branch.reference, answer: $0.outcome.answer,
                  answerConfidence: $0.outcome.answerConfidence, stopReason: $0.outcome.stopReason,
                  usage: $0.scope.ledger.usage, ownUsage: $0.outcome.ownUsage, cancelled: $0.cancelled ? true : nil)
        })
        let chosen = selection.chosen.map { candidates[$0] }
        do {
            let voters = candidates.filter { !$0.cancelled }.count
            let verdict = chosen.map { "chose \($0.scope.path) (\(selection.majorityVotes)/\(voters) agree): \($0.outcome.answer ?? "")" }
                ?? "no candidate answered"
            try await recorder.merge(
                candidates.map(\.scope.branch), into: scope.branch,
                files: ["selection.json": Array(JSONValue.encoding(record).prettyText.utf8)],
                message: "select \(RunEnvironment.abbreviate(verdict))",
                trailers: ["Fsctx-Kind": "selection", "Fsctx-Candidates": "\(candidates.count)",
                           "Fsctx-Votes": "\(selection.majorityVotes)"].merging(cancelledTrailer(candidates)) { $1 })
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

/// `Fsctx-Cancelled: root/c3 root/c4` when adaptive SRLM cancelled candidates.
private func cancelledTrailer(_ candidates: [SRLMCandidatePool.Finished]) -> [String: String] {
    let names = candidates.filter(\.cancelled).map(\.scope.path)
    return names.isEmpty ? [:] : ["Fsctx-Cancelled": names.joined(separator: " ")]
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
        /// True when adaptive SRLM cancelled it (its answer could not change the majority).
        var cancelled: Bool?
    }

    var selection: SRLMSelection
    var candidates: [Candidate]
}
