import Foundation
import Testing
@testable import Bench
import Recursion

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
        // NIAH tasks know where their needle sits: agent runs record how much of it their grounded lines cover.
        #expect(tasks.allSatisfy { $0.needleOffsets?.count == 1 })
        #expect(rows.filter { $0.strategy == "rlm" }.allSatisfy { $0.evidenceRecall == 1 }, "\(rows.map(\.evidenceRecall))")
        #expect(rows.filter { $0.strategy == "rag" }.allSatisfy { $0.evidenceRecall == nil })
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
        #expect(table.stdout == BenchComparison(results: ResultFixtures.rows).table() + BenchAnalysis(results: ResultFixtures.rows).text())
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

/// `fsctx reselect --results` on rows that recorded candidates.
@Suite struct ReselectCLITests {
    let temp = TemporaryDirectory()

    func fsctx(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("fsctx").path }
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) })
        return try run(binary, arguments, in: temp.url)
    }

    @Test func reselectsFromResultRows() throws {
        var row = BenchResult(task: "t1", suite: .niah, variant: "v", strategy: "srlm", model: "m", contextTokens: 1_000,
                              score: 1, answer: "42", tokens: 100, cost: 0, seconds: 1, steps: 3, depth: 0)
        row.candidates = [
            BenchCandidate(answer: "42", confidences: [nil, 60], tokens: 30, score: 1, chosen: true),
            BenchCandidate(answer: "7", confidences: [99], tokens: 10, score: 0),
            BenchCandidate(answer: "the answer is 42", confidences: [70], tokens: 40, score: 1),
        ]
        let file = temp.url.appendingPathComponent("r.jsonl")
        try JSONLines.write([row], to: file)
        #expect(try BenchResultSet(contentsOf: [file]).rows.first?.candidates == row.candidates)
        let table = try fsctx(["reselect", "--results", "r.jsonl"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.split(separator: " ").map(String.init) == ["series", "K'", "runs", "majority", "vc", "len", "vc-len", "srlm", "oracle"])
        // K'=3: VC alone and Len alone pick the confident, short wrong "7"; SRLM's majority filter does not.
        #expect(lines.last?.split(separator: " ").map(String.init) == ["srlm/m", "3", "1", "1.000", "0.000", "0.000", "0.000", "1.000", "1.000"])
        let json = try fsctx(["reselect", "--results", "r.jsonl", "--json"])
        #expect(json.status == 0 && json.stdout.contains("\"rule\" : \"vc-len\""))
        #expect(BenchReselection.rowsFile(for: file).lastPathComponent == "r.reselect.jsonl")

        var plain = row
        plain.candidates = nil
        try JSONLines.write([plain], to: file)
        let none = try fsctx(["reselect", "--results", "r.jsonl"])
        #expect(none.status == 1 && none.stderr.hasPrefix("fsctx reselect: ") && none.stderr.contains("--strategies srlm"))
        let nothing = try fsctx(["reselect"])
        #expect(nothing.status == 1 && nothing.stderr.split(separator: "\n").count == 1)
    }
}

extension ReselectCLITests {
    @Test func benchWritesTheReselectionRows() throws {
        let generated = try fsctx(["bench", "generate", "niah", "--out", "niah", "--lengths", "1k", "--depths", "0.5", "--seed", "2"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let sweep = try fsctx(["bench", "niah/tasks.jsonl", "--strategies", "srlm", "--models", "offline", "--candidates", "2", "--out", "s.jsonl"])
        #expect(sweep.status == 0 && sweep.stdout.contains("s.reselect.jsonl"), "\(sweep.stdout) \(sweep.stderr)")
        let row = try #require(try BenchResultSet(contentsOf: [temp.url.appendingPathComponent("s.jsonl")]).rows.first)
        #expect(row.candidates?.count == 2 && row.candidates?.allSatisfy { $0.score != nil } == true)
        #expect(row.candidates?.filter(\.chosen).count == 1)
        let rows = try JSONLines.read(ReselectionRow.self, from: temp.url.appendingPathComponent("s.reselect.jsonl")).rows
        #expect(rows.count == 2 * SelectionRule.allCases.count)
        #expect(rows.allSatisfy { $0.series == "srlm/offline" && $0.accuracy != nil })
    }
}

extension ReselectCLITests {
    @Test func compareGivesIntervalsAndTheAnalysis() throws {
        let file = temp.url.appendingPathComponent("a.jsonl")
        try JSONLines.write(BenchAnalysisTests.results, to: file)
        let table = try fsctx(["compare", "--results", "a.jsonl", "--match", "tokens"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("95% CI") && table.stdout.contains("Paired differences") && table.stdout.contains("Equal budget (tokens)"))
        let json = try fsctx(["compare", "--results", "a.jsonl", "--json", "--match", "usd"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["rows"] as? [[String: Any]])?.first?["accuracy_low"] != nil)
        #expect((object?["analysis"] as? [String: Any])?["match"] as? String == "usd")
        let bad = try fsctx(["compare", "--results", "a.jsonl", "--budget", "0"])
        #expect(bad.status == 1 && bad.stderr.hasPrefix("fsctx compare: ") && bad.stderr.contains("--budget"))
    }
}
