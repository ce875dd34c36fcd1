import Foundation
import Recursion
import Testing
@testable import Bench

/// Issue #5's quality bar: with the offline model, `agent`, `rlm` and `srlm` answer single-needle
/// NIAH at ~32K, ~128K and ~1M tokens at several depths — end to end, through generated tasks,
/// real materialized corpus repositories and recorded runs.
@Suite struct NIAHQualityTests {
    @Test func offlineAgentRLMAndSRLMFindEveryNeedle() async throws {
        let temp = TemporaryDirectory()
        let generator = NIAHGenerator(variant: .single, haystack: .prose, lengths: [32_768, 131_072, 1_048_576],
                                      depths: [0, 0.5, 1], seed: 21)
        let (taskURL, tasks) = try generator.write(to: temp.url.appendingPathComponent("niah"))
        #expect(tasks.count == 9)
        let output = temp.url.appendingPathComponent("results.jsonl")
        var options = StrategyOptions()
        options.srlm.candidates = 4
        let runner = BenchRunner(
            executor: RecursionTaskExecutor(options: options),
            strategies: ["agent", "rlm", "srlm"], models: ["offline"], concurrency: 2,
            cacheDirectory: temp.url.appendingPathComponent("corpora"))
        let progress = try await runner.run(taskFile: try BenchTaskFile(contentsOf: taskURL), output: output)
        #expect(progress.failed == 0)
        let rows = try BenchResultSet(contentsOf: [output]).rows
        #expect(rows.count == 27)
        for row in rows {
            #expect(row.score == 1, "\(row.strategy) at \(row.contextTokens) tokens, depth \(row.needleDepth ?? -1): answered \(row.answer ?? "nothing") (\(row.error ?? row.stopReason ?? ""))")
        }
    }
}
