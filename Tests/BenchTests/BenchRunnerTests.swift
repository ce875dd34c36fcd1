import Foundation
import Testing
@testable import Bench

@Suite struct BenchRunnerTests {
    let temp = TemporaryDirectory()

    func taskFile() throws -> BenchTaskFile {
        let (url, _) = try ThreadingGenerator(hops: 2, chains: 3, lengths: [256, 512], seed: 1).write(to: temp.url.appendingPathComponent("tasks"))
        return try BenchTaskFile(contentsOf: url)
    }

    func runner(_ executor: FakeExecutor, models: [String] = ["free", "paid"], shard: BenchShard = .whole, concurrency: Int = 3) -> BenchRunner {
        BenchRunner(executor: executor, strategies: ["good", "bad"], models: models, concurrency: concurrency,
                    shard: shard, cacheDirectory: temp.url.appendingPathComponent("cache"))
    }

    @Test(arguments: 1...5)
    func shardsPartitionTheGridExactlyOnce(count: Int) throws {
        let tasks = try taskFile().tasks
        let strategies = ["a", "b", "c"], models = ["m1", "m2"]
        var seen: [BenchRunKey] = []
        for index in 0..<count {
            seen += try BenchShard(index: index, count: count).cells(tasks: tasks, strategies: strategies, models: models).map(\.key)
        }
        #expect(seen.count == tasks.count * 6)
        #expect(Set(seen).count == seen.count)
        #expect(Set(seen) == Set(BenchShard.whole.cells(tasks: tasks, strategies: strategies, models: models).map(\.key)))
    }

    @Test func shardTextIsCheckedAndNumberedFromZero() throws {
        #expect(try BenchShard(parsing: "3/4") == BenchShard(index: 3, count: 4))
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3"] {
            #expect(throws: BenchError.self) { try BenchShard(parsing: bad) }
        }
    }

    @Test func runsTheGridScoresAndMaterializesEachCorpusOnce() async throws {
        let file = try taskFile(), executor = FakeExecutor()
        let output = temp.url.appendingPathComponent("results.jsonl")
        let progress = try await runner(executor).run(taskFile: file, output: output)
        #expect(progress.completed == file.tasks.count * 4 && progress.total == progress.completed && progress.failed == 0)
        let rows = try JSONLines.read(BenchResult.self, from: output).rows
        #expect(rows.count == file.tasks.count * 4)
        #expect(rows.filter { $0.strategy == "good" }.allSatisfy { $0.score == 1 })
        #expect(rows.filter { $0.strategy == "bad" }.allSatisfy { $0.score == 0 })
        #expect(rows.filter { $0.model == "paid" }.allSatisfy { $0.cost == nil })
        #expect(rows.allSatisfy { $0.steps == 3 && $0.tokens == 100 && $0.runId == "run-\($0.task)" && $0.repo != nil })
        let materialized = await executor.materialized
        #expect(materialized.count == 2, "two corpora (one per length), each materialized once")
        #expect(Set(materialized).count == 2)
        let most = await executor.mostRunning
        #expect(most > 1 && most <= 3)
        #expect(try String(contentsOf: output, encoding: .utf8).contains("\"cost\":null"))
    }

    @Test func resumeSkipsRowsAlreadyThereAndSurvivesACutOffLine() async throws {
        let file = try taskFile(), output = temp.url.appendingPathComponent("results.jsonl")
        try await runner(FakeExecutor()).run(taskFile: file, output: output)
        let again = FakeExecutor()
        let progress = try await runner(again).run(taskFile: file, output: output)
        #expect(progress.total == 0 && progress.skipped == file.tasks.count * 4)
        #expect(await again.executions == 0)

        // Drop three rows and leave half a line, as a killed writer would.
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        let kept = lines.dropLast(3).joined(separator: "\n") + "\n" + lines.last!.prefix(25)
        try kept.write(to: output, atomically: true, encoding: .utf8)
        let resumed = FakeExecutor()
        try await runner(resumed).run(taskFile: file, output: output)
        #expect(await resumed.executions == 3)
        let rows = try JSONLines.read(BenchResult.self, from: output).rows
        #expect(rows.count == file.tasks.count * 4)
        #expect(Set(rows.map(\.key)).count == rows.count)
    }

    @Test func failedRunsBecomeRowsAndRetryFailedRunsThemAgain() async throws {
        let file = try taskFile(), output = temp.url.appendingPathComponent("results.jsonl")
        let progress = try await runner(FakeExecutor(), models: ["broken"]).run(taskFile: file, output: output)
        #expect(progress.failed == file.tasks.count * 2)
        let rows = try JSONLines.read(BenchResult.self, from: output).rows
        #expect(rows.allSatisfy { $0.score == 0 && $0.error == "model broken: connection refused" })
        let skipping = FakeExecutor()
        try await runner(skipping, models: ["broken"]).run(taskFile: file, output: output)
        #expect(await skipping.executions == 0)
        var retry = runner(FakeExecutor(), models: ["broken"])
        retry.retryFailed = true
        let retried = try await retry.run(taskFile: file, output: output)
        #expect(retried.total == file.tasks.count * 2)
    }

    @Test func shardOutputsMergeIntoTheWholeSweep() async throws {
        let file = try taskFile()
        let whole = temp.url.appendingPathComponent("whole.jsonl")
        try await runner(FakeExecutor()).run(taskFile: file, output: whole)
        var shards: [URL] = []
        for index in 0..<3 {
            let url = temp.url.appendingPathComponent("shard\(index).jsonl")
            try await runner(FakeExecutor(), shard: try BenchShard(index: index, count: 3)).run(taskFile: file, output: url)
            shards.append(url)
        }
        let merged = temp.url.appendingPathComponent("merged.jsonl")
        let set = try BenchResultSet.merge(shards + [shards[0]], into: merged)
        #expect(set.duplicates == (try JSONLines.read(BenchResult.self, from: shards[0]).rows.count))
        #expect(set.conflicts == 0)
        func strip(_ rows: [BenchResult]) -> [BenchResult] { rows.map { var row = $0; row.seconds = 0; return row }.sorted { $0.key < $1.key } }
        #expect(strip(try JSONLines.read(BenchResult.self, from: merged).rows) == strip(try JSONLines.read(BenchResult.self, from: whole).rows))
        #expect(throws: BenchError.self) { try BenchResultSet.merge(shards, into: merged) }
    }

    @Test func progressBarReadsWell() {
        let bar = BenchProgress(completed: 7, total: 20, failed: 1, skipped: 4, elapsed: 42).bar()
        #expect(bar == "[#######-------------] 7/20  35%  1 failed  4 already done  0:42 elapsed  ~1:18 left")
    }
}
