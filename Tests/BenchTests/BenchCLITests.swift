import Foundation
import Testing
@testable import Bench

/// End to end through the `fsctx` binary that `swift build`/`swift test` put next to the tests.
@Suite struct BenchCLITests {
    let temp = TemporaryDirectory()

    func fsctx(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("fsctx").path }
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "fsctx binary not found next to the tests (\(candidates)); run `swift build` first")
        return try run(binary, arguments, in: temp.url)
    }

    @Test func generateSweepMergeCompareReport() throws {
        let generated = try fsctx(["bench", "generate", "niah", "--out", "niah", "--lengths", "1k", "--depths", "0,1", "--seed", "4"])
        #expect(generated.status == 0 && generated.stdout.contains("wrote 2 tasks"))
        let tasks = try BenchTaskFile(contentsOf: temp.url.appendingPathComponent("niah/tasks.jsonl")).tasks
        #expect(tasks.map(\.depth) == [0, 1])

        let again = try fsctx(["bench", "generate", "niah", "--out", "niah"])
        #expect(again.status == 1 && again.stderr.hasPrefix("fsctx bench generate niah: ") && again.stderr.contains("--force"))

        let sweep = try fsctx(["bench", "niah/tasks.jsonl", "--strategies", "rlm,rag", "--models", "offline", "--out", "sweep.jsonl"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let rows = try BenchResultSet(contentsOf: [temp.url.appendingPathComponent("sweep.jsonl")]).rows
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.score == 1 && $0.runId != nil && $0.steps > 0 }, "\(rows)")
        let resumed = try fsctx(["bench", "niah/tasks.jsonl", "--strategies", "rlm,rag", "--models", "offline", "--out", "sweep.jsonl"])
        #expect(resumed.status == 0 && resumed.stdout.contains("4 already there"), "\(resumed.stdout)")
        let repo = try #require(rows.first?.repo)
        let recorded = try fsctx(["compare", repo])
        #expect(recorded.status == 0 && recorded.stdout.contains("rlm") && recorded.stdout.contains("answered"))
        let noModels = try fsctx(["bench", "niah/tasks.jsonl", "--strategies", "rlm"])
        #expect(noModels.status == 1 && noModels.stderr.contains("give --strategies and --models"))
        let badShard = try fsctx(["bench", "niah/tasks.jsonl", "--strategies", "rlm", "--models", "offline", "--shard", "2/2"])
        #expect(badShard.status == 1 && badShard.stderr.contains("out of range"))

        try JSONLines.write(Array(ResultFixtures.rows.prefix(3)), to: temp.url.appendingPathComponent("s0.jsonl"))
        try JSONLines.write(Array(ResultFixtures.rows.dropFirst(3)), to: temp.url.appendingPathComponent("s1.jsonl"))
        let merged = try fsctx(["bench", "merge", "s0.jsonl", "s1.jsonl", "--out", "all.jsonl"])
        #expect(merged.status == 0 && merged.stdout.contains("merged 6 runs from 2 files"))

        let table = try fsctx(["compare", "--results", "all.jsonl"])
        #expect(table.status == 0)
        #expect(table.stdout == BenchComparison(results: ResultFixtures.rows).table())
        let json = try fsctx(["compare", "--results", "all.jsonl", "--json"])
        #expect(json.status == 0 && json.stdout.contains("\"total_cost\" : null"))
        let runs = try fsctx(["compare", "no-such-repo", "run-1"])
        #expect(runs.status == 1 && runs.stderr.contains("not a corpus repository"))

        let report = try fsctx(["report", "all.jsonl", "--html", "report.html"])
        #expect(report.status == 0)
        let page = try String(contentsOf: temp.url.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("data-series=\"rlm/offline\""))
    }
}
