import Foundation

/// Runs a sweep: every task × strategy × model cell of one shard, through a `TaskExecutor`,
/// appending one `BenchResult` row per run to a JSONL file.
///
/// Resumable: cells whose key is already in the output are skipped (failed rows too, unless
/// `retryFailed`). Each distinct corpus input is materialized once. Up to `concurrency` runs
/// go at once; a run that throws becomes a failed row and the sweep continues.
public struct BenchRunner: Sendable {
    /// Runs tasks (supplied by the Recursion layer).
    public var executor: any TaskExecutor
    /// Strategy names.
    public var strategies: [String]
    /// Model names.
    public var models: [String]
    /// Runs at once.
    public var concurrency: Int
    /// The part of the grid to run.
    public var shard: BenchShard
    /// Re-run cells whose row in the output is a failure (the new row is appended; the last row per key counts).
    public var retryFailed: Bool
    /// Where materialized corpora are kept (see `BenchCorpusInput.cacheDirectory`).
    public var cacheDirectory: URL

    /// Creates a runner.
    public init(executor: any TaskExecutor, strategies: [String], models: [String], concurrency: Int = 1,
                shard: BenchShard = .whole, retryFailed: Bool = false, cacheDirectory: URL) {
        self.executor = executor
        self.strategies = strategies
        self.models = models
        self.concurrency = concurrency
        self.shard = shard
        self.retryFailed = retryFailed
        self.cacheDirectory = cacheDirectory
    }

    /// Runs this shard's cells of `taskFile` not yet in `output`; returns the final progress.
    @discardableResult
    public func run(taskFile: BenchTaskFile, output: URL,
                    progress: @escaping @Sendable (BenchProgress) -> Void = { _ in }) async throws -> BenchProgress {
        guard !strategies.isEmpty, !models.isEmpty else {
            throw BenchError(.badInput, "a sweep needs at least one strategy and one model, e.g. --strategies rlm --models offline")
        }
        guard concurrency >= 1 else { throw BenchError(.badInput, "concurrency must be at least 1") }
        let log = try ResultLog(url: output)
        let done = Set(log.existing.filter { !retryFailed || $0.error == nil }.map(\.key))
        let all = shard.cells(tasks: taskFile.tasks, strategies: strategies, models: models)
        let cells = all.filter { !done.contains($0.key) }
        let corpora = CorpusCache(executor: executor)
        let start = Date()
        var state = BenchProgress(completed: 0, total: cells.count, failed: 0, skipped: all.count - cells.count, elapsed: 0)
        progress(state)
        try await withThrowingTaskGroup(of: BenchResult.self) { group in
            var next = 0
            func launch() {
                let cell = cells[next], input = corpusInput(for: cell.task, in: taskFile)
                next += 1
                group.addTask { await runCell(cell, input: input, corpora: corpora) }
            }
            while next < min(concurrency, cells.count) { launch() }
            while let row = try await group.next() {
                try await log.append(row)
                state.completed += 1
                if row.error != nil { state.failed += 1 }
                state.elapsed = Date().timeIntervalSince(start)
                progress(state)
                if next < cells.count { launch() }
            }
        }
        await log.close()
        return state
    }

    func corpusInput(for task: BenchTask, in taskFile: BenchTaskFile) -> BenchCorpusInput {
        let name = task.corpus.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
        return BenchCorpusInput(url: taskFile.corpusURL(for: task), format: task.corpusFormat,
                                // `isDirectory:` keeps the URL (and so the cache key) the same before and
                                // after the folder exists; Foundation otherwise adds a trailing slash.
                                cacheDirectory: cacheDirectory.appendingPathComponent(String(name), isDirectory: true))
    }

    func runCell(_ cell: BenchGridCell, input: BenchCorpusInput, corpora: CorpusCache) async -> BenchResult {
        let task = cell.task, start = Date()
        var row = BenchResult(task: task.id, suite: task.suite, variant: task.variant, strategy: cell.strategy,
                              model: cell.model, contextTokens: task.contextTokens, needleDepth: task.depth, score: 0,
                              answer: nil, tokens: 0, cost: nil, seconds: 0, steps: 0, depth: 0)
        do {
            let corpus = try await corpora.materialized(input)
            row.repo = corpus.repository
            let run = try await executor.execute(task, corpus: corpus, strategy: cell.strategy, model: cell.model)
            row.answer = run.answer
            row.score = run.answer.map { task.scorer.score(prediction: $0, answers: task.answers) } ?? 0
            row.tokens = run.tokens
            row.cost = run.cost
            row.steps = run.steps
            row.depth = run.depth
            row.runId = run.runId
            row.stopReason = run.stopReason
            row.confidence = run.confidence
            row.subcalls = run.subcalls
            row.evidenceRecall = run.evidenceRecall
            row.candidates = run.candidates?.map { candidate in
                var scored = candidate
                scored.score = candidate.answer.isEmpty ? 0 : task.scorer.score(prediction: candidate.answer, answers: task.answers)
                return scored
            }
        } catch {
            row.error = String(describing: error).split(separator: "\n").first.map(String.init) ?? "failed"
        }
        row.seconds = (Date().timeIntervalSince(start) * 1000).rounded() / 1000
        return row
    }
}

/// Materializes each distinct corpus input once, even when many runs ask at the same time.
actor CorpusCache {
    let executor: any TaskExecutor
    private var entries: [BenchCorpusInput: Task<BenchMaterializedCorpus, any Error>] = [:]

    init(executor: any TaskExecutor) { self.executor = executor }

    func materialized(_ input: BenchCorpusInput) async throws -> BenchMaterializedCorpus {
        if let entry = entries[input] { return try await entry.value }
        let executor = executor
        let entry = Task { try await executor.materialize(input) }
        entries[input] = entry
        return try await entry.value
    }
}
