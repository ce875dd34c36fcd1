import Foundation
import Testing
@testable import Bench

@Suite("Statistics for comparisons")
struct BenchStatisticsTests {
    @Test("the bootstrap interval holds the mean, is reproducible, and narrows with more data")
    func bootstrap() throws {
        let few = [1.0, 0, 1, 1, 0, 1, 0, 1]
        let interval = try #require(BenchStatistics.meanInterval(few, label: "x"))
        #expect(interval.contains(0.625) && interval.lowerBound > 0 && interval.upperBound < 1)
        #expect(BenchStatistics.meanInterval(few, label: "x") == interval)
        let many = try #require(BenchStatistics.meanInterval(Array(repeating: few, count: 20).flatMap { $0 }, label: "x"))
        #expect(many.upperBound - many.lowerBound < interval.upperBound - interval.lowerBound)
        #expect(BenchStatistics.meanInterval([], label: "x") == nil)
        #expect(BenchStatistics.meanInterval([1, 1, 1], label: "x") == 1...1)
    }

    @Test("AUROC: 1 when the score ranks every right one first, 0.5 for ties, nil with one class")
    func auroc() {
        #expect(BenchStatistics.auroc(scores: [-1, -2, -10, -20], positives: [true, true, false, false]) == 1)
        #expect(BenchStatistics.auroc(scores: [-10, -2], positives: [true, false]) == 0)
        #expect(BenchStatistics.auroc(scores: [-1, -1], positives: [true, false]) == 0.5)
        // 2 positives × 2 negatives: (-1 > -3, -1 > -5, -4 < -3, -4 > -5) = 3/4.
        #expect(BenchStatistics.auroc(scores: [-1, -4, -3, -5], positives: [true, true, false, false]) == 0.75)
        #expect(BenchStatistics.auroc(scores: [1, 2], positives: [true, true]) == nil)
    }

    @Test("reliability bins and ECE")
    func calibration() throws {
        let pairs: [(confidence: Double, score: Double)] = [(95, 1), (95, 0), (15, 0), (15, 0)]
        let table = BenchStatistics.calibration(pairs)
        #expect(table.bins.map(\.runs) == [2, 2])
        #expect(table.bins.map(\.low) == [10, 90])
        // |0 − 0.15|·½ + |0.5 − 0.95|·½ = 0.3
        #expect(abs(try #require(table.ece) - 0.3) < 1e-12)
        #expect(BenchStatistics.calibration([]).ece == nil)
    }
}

@Suite("Analysis of results")
struct BenchAnalysisTests {
    static func row(_ task: String, _ strategy: String, score: Double, tokens: Int, confidence: Double? = nil,
                    candidates: [BenchCandidate]? = nil) -> BenchResult {
        var row = BenchResult(task: task, suite: .niah, variant: "v", strategy: strategy, model: "m", contextTokens: 1_000,
                              score: score, answer: "a", tokens: tokens, cost: 0, seconds: 1, steps: 1, depth: 0)
        row.confidence = confidence
        row.candidates = candidates
        return row
    }

    static let srlmCandidates = [
        BenchCandidate(answer: "42", confidences: [90], tokens: 100, score: 1, chosen: true),
        BenchCandidate(answer: "7", confidences: [40], tokens: 300, score: 0),
    ]

    static let results: [BenchResult] = (0..<10).flatMap { index -> [BenchResult] in
        let task = "t\(index)"
        return [
            row(task, "agent", score: index < 4 ? 1 : 0, tokens: 1_000, confidence: 90),
            row(task, "srlm", score: index < 9 ? 1 : 0, tokens: 4_000, confidence: 80,
                candidates: index < 9 ? srlmCandidates : srlmCandidates.map { var wrong = $0; wrong.score = 0; return wrong }),
        ]
    }

    @Test("paired differences on shared tasks, with an interval that excludes 0 here")
    func paired() throws {
        let analysis = BenchAnalysis(results: Self.results)
        let pair = try #require(analysis.paired.first)
        #expect(pair.series == "agent/m" && pair.baseline == "srlm/m" && pair.tasks == 10)
        #expect(abs(pair.difference - -0.5) < 1e-12)
        #expect(pair.high < 0 && pair.low <= -0.5)
    }

    @Test("oracle@K, selection accuracy and AUROC from recorded candidates")
    func candidates() throws {
        let srlm = try #require(BenchAnalysis(results: Self.results).candidates.first)
        #expect(srlm.series == "srlm/m" && srlm.runs == 10 && srlm.candidates == 2)
        #expect(abs(srlm.oracle - 0.9) < 1e-12)
        #expect(srlm.selectionAccuracy == 1)
        // s: "42" = log .9·100 ≈ -10.5, "7" = log .4·300 ≈ -275. 9 right "42"s against 10 wrong "7"s
        // (all won) and the last task's wrong "42" (a tie, half): (90 + 4.5) / 99.
        #expect(abs(try #require(srlm.auroc) - 94.5 / 99) < 1e-12)
    }

    @Test("calibration per series; the Pareto front; accuracy at an equal budget")
    func calibrationAndBudget() throws {
        let analysis = BenchAnalysis(results: Self.results, match: .tokens)
        #expect(analysis.calibration.map(\.series) == ["agent/m", "srlm/m"])
        #expect(abs(try #require(analysis.calibration[0].ece) - 0.5) < 1e-12)  // says 90, right 40%
        #expect(analysis.spend.map(\.pareto) == [true, true])
        #expect(analysis.budget == 1_000)
        // At 1,000 tokens SRLM could pay for ⌊2·1000/4000⌋ = 0 candidates: every run counts as wrong.
        #expect(analysis.spend.map(\.matchedAccuracy) == [0.4, 0])
        // At 2,000 it keeps one of its two candidates: right in half the subsets of the 9 good runs.
        let wider = BenchAnalysis(results: Self.results, match: .tokens, budget: 2_000)
        #expect(abs(try #require(wider.spend[1].matchedAccuracy) - 0.45) < 1e-12)
        #expect(wider.spend[0].matchedAccuracy == 0.4)
        let text = wider.text()
        #expect(text.contains("Paired differences") && text.contains("oracle@K") && text.contains("ECE 0.500"))
        #expect(text.contains("at most 2000 tokens per run"))
    }
}

@Suite("Demo verdict")
struct DemoVerdictTests {
    static func row(_ task: String, _ strategy: String, _ answer: String?, tokens: Int, subcalls: Int? = nil) -> BenchResult {
        var row = BenchResult(task: task, suite: .niah, variant: "v", strategy: strategy, model: "offline", contextTokens: 1_000,
                              score: 1, answer: answer, tokens: tokens, cost: 0, seconds: 1, steps: 2, depth: subcalls == nil ? 0 : 1)
        row.subcalls = subcalls
        return row
    }

    @Test("identical answers are said in one line, with what differed")
    func identical() {
        let verdict = DemoVerdict(results: [
            Self.row("t1", "agent", "42", tokens: 100), Self.row("t1", "rlm", "The answer is 42.", tokens: 300, subcalls: 2),
            Self.row("t2", "agent", "x", tokens: 100), Self.row("t2", "rlm", "x", tokens: 500, subcalls: 4),
        ])
        #expect(verdict.identical)
        let lines = verdict.text.split(separator: "\n")
        #expect(lines[0].hasPrefix("All 2 strategies gave the same answer on every one of the 2 tasks"))
        #expect(lines[1].split(separator: " ") == ["series", "tokens", "seconds", "steps", "sub-calls", "depth"])
        #expect(lines[3].split(separator: " ") == ["rlm/offline", "400", "1.00", "2.0", "3.0", "1.0"])
    }

    @Test("different answers are named")
    func different() {
        let verdict = DemoVerdict(results: [Self.row("t1", "agent", "42", tokens: 1), Self.row("t1", "rag", "7", tokens: 1)])
        #expect(!verdict.identical)
        #expect(verdict.text.hasPrefix("The strategies answered differently on 1 of 1 tasks (e.g. t1: agent “42”, rag “7”)"))
    }
}
