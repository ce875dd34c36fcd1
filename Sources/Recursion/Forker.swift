import FSContext
import Foundation
import Models

/// What `fsctx fork` made.
public struct ForkReport: Sendable, Codable {
    /// The run forked from.
    public var originalRunID: String
    /// The step it was forked at.
    public var step: Int
    /// The commit of that step: the parent of the fork's first commit.
    public var parentCommit: String
    /// The new run.
    public var forkRunID: String
    /// Model turns replayed from the recording before the live model took over.
    public var replayedTurns: Int
    /// How the fork ended.
    public var outcome: RunOutcome
}

/// Forks a recorded run at step N (`fsctx fork`): a new run whose history branches off the
/// original's step-N commit, whose model turns up to step N are the recorded ones (replayed,
/// not re-asked; the tools run again on the recorded corpus commit and give the same output),
/// and which then goes on with a live model — "what if a stronger model had taken over at step 12?".
public enum Forker {
    /// Forks run `runID` of the repository at `url` at step `step`, going on with `model`
    /// (recorded in `run.json` as `spec`).
    public static func fork(corpusAt url: URL, runID: String, atStep step: Int, model: any LanguageModel, spec: String,
                            forkID: String? = nil) async throws -> ForkReport {
        let catalog = try RunCatalog(repositoryAt: url)
        let configuration = try catalog.configuration(runID)
        guard let strategy = StrategyKind(rawValue: configuration.strategy) else {
            throw RecursionError(.badInput, "run \(runID) used strategy '\(configuration.strategy)', which fsctx cannot run again; only its own runs can be forked")
        }
        let steps = try catalog.steps(runID)
        guard let last = steps.last?.number, (1...last).contains(step) else {
            throw RecursionError(.badInput, "run \(runID) has steps 1–\(steps.last?.number ?? 0); pick --at within them")
        }
        guard let parent = try catalog.commit(ofStep: step, in: runID) else {
            throw RecursionError(.notFound, "no commit of step \(step) found in run \(runID)")
        }
        let turns = try catalog.recordedTurns(runID).mapValues { $0.filter { $0.step <= step } }
        let id = forkID ?? "\(runID.prefix(70))-fork\(step)-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
        let request = RunRequest(
            question: configuration.question, strategy: strategy, model: "fork:\(runID)@\(step)+\(spec)", budget: configuration.budget,
            options: configuration.options, runID: id)
        let outcome = try await Runner.run(corpusAt: url, request: request, pinnedTo: configuration.corpusCommit, base: parent) { agent in
            ForkModel(recorded: turns[agent] ?? [], runID: runID, live: model)
        }
        return ForkReport(originalRunID: runID, step: step, parentCommit: parent.hex, forkRunID: id,
                          replayedTurns: turns.values.reduce(0) { $0 + $1.count }, outcome: outcome)
    }
}

extension RunCatalog {
    /// The commit that recorded step `step` of run `runID` (its `Fsctx-Step` trailer), on the
    /// run's ref or a side branch.
    public func commit(ofStep step: Int, in runID: String) throws -> GitOID? {
        var queue = [try head(runID)] + (try repository.references(withPrefix: "refs/fsctx/branches/\(runID)/").map(\.target))
        var seen: Set<GitOID> = []
        let folder = ".fsctx/runs/\(runID)"
        while let commit = queue.popLast() {
            guard seen.insert(commit).inserted else { continue }
            let info = try repository.commitInfo(commit)
            guard try repository.listTree(commit, path: folder) != nil else { continue }  // below the run: the corpus
            if info.message.split(separator: "\n").contains(where: { $0 == "Fsctx-Step: \(step)" }) { return commit }
            queue += info.parents
        }
        return nil
    }
}
