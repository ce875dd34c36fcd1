import FSContext
import Foundation

/// Runs SRLM's candidates on sibling branches from one base commit. With a fixed K all K run at
/// once. Adaptively (`SRLMStrategy.Options.adaptiveCandidates`) it starts with the minimum, cancels
/// the candidates still running as soon as none of their answers could change the majority,
/// and adds one more candidate at a time while the answers have not settled, up to the maximum.
///
/// Settled: the largest answer group (`AnswerGroups`) has at least 2 votes and more than the
/// runner-up's plus every candidate still running. A cancelled candidate casts no vote.
struct SRLMCandidatePool {
    let question: String
    let environment: RunEnvironment
    let scope: AgentScope

    /// One candidate's result.
    struct Finished {
        var scope: AgentScope
        var outcome: StrategyOutcome
        var cancelled: Bool
    }

    func run() async throws -> [Finished] {
        let options = environment.configuration.options.srlm, seed = environment.configuration.options.seed
        let adaptive = options.adaptiveCandidates
        let initial = adaptive.map { $0.minimum } ?? max(1, options.candidates)
        let most = adaptive.map { $0.maximum } ?? initial
        let recursive = options.candidateStrategy == .rlm
        let base = try await environment.recorder.head(scope.branch)
        let (stream, continuation) = AsyncStream<(Int, StrategyOutcome)>.makeStream()
        let tasks = CandidateTasks()
        var scopes: [AgentScope] = []

        func launch() async throws {
            let index = scopes.count, name = "c\(index + 1)"
            let branch = try await environment.recorder.branch(from: base, name: scope.path == "root" ? name : "\(scope.branchName).\(name)")
            let candidate = scope.child(name, branch: branch, ledger: scope.ledger.sibling(),
                                        seed: seed + index + 1, temperature: options.candidateTemperature)
            scopes.append(candidate)
            let environment = environment, question = question
            tasks.add(index, Task {
                continuation.yield((index, await runAgent(question: question, environment: environment, scope: candidate, subcalls: recursive)))
            })
        }

        return try await withTaskCancellationHandler {
            defer { continuation.finish() }
            var outcomes: [Int: StrategyOutcome] = [:]
            var running = Set<Int>(), cancelled = Set<Int>()
            do {
                for _ in 0..<initial { try await launch(); running.insert(scopes.count - 1) }
            } catch {
                tasks.cancelAll()
                throw error
            }
            for await (index, outcome) in stream {
                running.remove(index)
                outcomes[index] = outcome
                if adaptive != nil {
                    let voters = outcomes.filter { !cancelled.contains($0.key) }.map { $0.value.answer ?? "" }
                    let pending = running.subtracting(cancelled)
                    if Self.settled(voters, running: pending.count) {
                        for index in pending { cancelled.insert(index); tasks.cancel(index) }
                    } else if pending.isEmpty, scopes.count < most, !Task.isCancelled {
                        try await launch()
                        running.insert(scopes.count - 1)
                    }
                }
                if running.isEmpty { break }
            }
            return scopes.indices.map { index in
                var outcome = outcomes[index] ?? StrategyOutcome(answer: nil, stopReason: .interrupted)
                if cancelled.contains(index) { outcome.stopReason = .cancelled }
                return Finished(scope: scopes[index], outcome: outcome, cancelled: cancelled.contains(index))
            }
        } onCancel: {
            tasks.cancelAll()
        }
    }

    /// Whether the majority can no longer change: the leading answer group has at least 2 votes
    /// and more than the runner-up's plus `running` candidates that might still join it.
    static func settled(_ answers: [String], running: Int) -> Bool {
        let keys = AnswerGroups(answers).keys.compactMap { $0 }
        let votes = Dictionary(grouping: keys, by: { $0 }).values.map(\.count).sorted(by: >)
        let leader = votes.first ?? 0, runnerUp = votes.dropFirst().first ?? 0
        return leader >= 2 && leader > runnerUp + running
    }
}

/// The candidates' tasks, cancellable one by one or all at once from any context.
final class CandidateTasks: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [Int: Task<Void, Never>] = [:]

    func add(_ index: Int, _ task: Task<Void, Never>) { lock.withLock { tasks[index] = task } }
    func cancel(_ index: Int) { lock.withLock { tasks[index] }?.cancel() }
    func cancelAll() { lock.withLock { Array(tasks.values) }.forEach { $0.cancel() } }
}
