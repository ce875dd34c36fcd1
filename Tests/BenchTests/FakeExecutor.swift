import Foundation
@testable import Bench

/// A stand-in for the Recursion layer: strategy `good` answers the gold answers, `bad` answers
/// nonsense, model `broken` throws. Counts materializations and concurrent runs.
actor FakeExecutor: TaskExecutor {
    private(set) var materialized: [URL] = []
    private(set) var executions = 0
    private(set) var running = 0
    private(set) var mostRunning = 0

    nonisolated func materialize(_ input: BenchCorpusInput) async throws -> BenchMaterializedCorpus {
        await record(input.url)
        // Like a real executor, make the cache folder: the cache key must not change once it exists.
        try FileManager.default.createDirectory(at: input.cacheDirectory, withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(5))
        return BenchMaterializedCorpus(repository: input.cacheDirectory.path, commit: "abc")
    }

    nonisolated func execute(_ task: BenchTask, corpus: BenchMaterializedCorpus, strategy: String, model: String) async throws -> BenchExecution {
        await enter()
        try await Task.sleep(for: .milliseconds(2))
        await leave()
        if model == "broken" { throw BenchError(.io, "model broken: connection refused") }
        let answer = strategy == "good" ? task.answers.joined(separator: " ") : "I do not know"
        return BenchExecution(answer: answer, tokens: 100, cost: model == "free" ? 0 : nil, steps: 3, depth: 1, runId: "run-\(task.id)")
    }

    private func record(_ url: URL) { materialized.append(url) }
    private func enter() {
        executions += 1
        running += 1
        mostRunning = max(mostRunning, running)
    }
    private func leave() { running -= 1 }
}
