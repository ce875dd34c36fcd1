import FSContext
import Foundation
import Models

/// What `fsctx replay` found.
public struct ReplayReport: Sendable, Codable {
    /// The run that was replayed.
    public var originalRunID: String
    /// The new run the replay recorded.
    public var replayRunID: String
    /// Whether the replay took the same programs and reached the same answer.
    public var identical: Bool
    /// Where it diverged first, when it did.
    public var divergence: String?
    /// The recorded answer.
    public var originalAnswer: String?
    /// The replay's answer.
    public var replayAnswer: String?
    /// The corpus commit the replay ran on: the one the recorded run started on.
    public var corpusCommit: String?
    /// Whether the corpus branch had moved since, so the replay ran on a temporary work tree of that commit.
    public var pinned: Bool?
}

/// Re-executes a recorded run with the replay model: each agent gets the model turns
/// recorded for it, in order, while the tools run for real on the same corpus — the corpus
/// commit `run.json` recorded, through a temporary work tree when the corpus branch has moved. Identical
/// programs and answer mean the run is reproducible from its history.
public enum Replayer {
    /// Replays run `runID` of the corpus repository at `url` as a new run.
    public static func replay(corpusAt url: URL, runID: String) async throws -> ReplayReport {
        let catalog = try RunCatalog(repositoryAt: url)
        let configuration = try catalog.configuration(runID)
        guard let strategy = StrategyKind(rawValue: configuration.strategy) else {
            throw RecursionError(.badInput, "run \(runID) used strategy '\(configuration.strategy)', which this fsctx cannot replay")
        }
        let original = try catalog.outcome(runID)
        let turns = try catalog.recordedTurns(runID)
        let replayID = "\(runID.prefix(80))-replay-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
        let request = RunRequest(
            question: configuration.question, strategy: strategy, model: "replay:\(runID)", budget: configuration.budget,
            options: configuration.options, runID: replayID, settings: configuration.settings)
        let current = try RunCorpus.open(at: url).commit
        let outcome = try await Runner.run(corpusAt: url, request: request, pinnedTo: configuration.corpusCommit) { agent in
            ReplayModel(turns: turns[agent] ?? [], runID: runID)
        }
        let divergence = try firstDivergence(catalog: catalog, original: runID, replay: replayID)
            ?? (original?.answer != outcome.answer
                ? "answers differ: recorded \(original?.answer ?? "none"), replayed \(outcome.answer ?? "none")" : nil)
            ?? (outcome.stopReason == .modelError ? (outcome.error ?? "the replay model failed") : nil)
        return ReplayReport(
            originalRunID: runID, replayRunID: replayID, identical: divergence == nil, divergence: divergence,
            originalAnswer: original?.answer, replayAnswer: outcome.answer, corpusCommit: configuration.corpusCommit.hex,
            pinned: current != configuration.corpusCommit)
    }

    /// The first agent whose programs differ between the two runs, described.
    static func firstDivergence(catalog: RunCatalog, original: String, replay: String) throws -> String? {
        func programs(_ id: String) throws -> [String: [RunStep]] {
            Dictionary(grouping: try catalog.steps(id).filter { $0.kind == "program" }, by: \.agent)
        }
        let before = try programs(original), after = try programs(replay)
        for agent in Set(before.keys).union(after.keys).sorted() {
            let a = before[agent] ?? [], b = after[agent] ?? []
            for index in 0..<max(a.count, b.count) {
                let left = index < a.count ? a[index] : nil, right = index < b.count ? b[index] : nil
                if left?.program != right?.program || left?.output != right?.output {
                    return "agent \(agent), program \(index + 1): recorded step \(left.map { "\($0.number)" } ?? "none") "
                        + "ran \(left?.program ?? "nothing"), the replay ran \(right?.program ?? "nothing")"
                        + (left?.program == right?.program ? " with different output" : "")
                }
            }
        }
        return nil
    }
}
