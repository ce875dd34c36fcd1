import Foundation
import Testing
@testable import Bench

@Suite struct BenchComparisonTests {
    @Test func groupsByStrategyModelAndPowerOfTwoBucket() throws {
        let comparison = BenchComparison(results: ResultFixtures.rows)
        #expect(comparison.rows.map { "\($0.strategy)/\($0.model)/\(BenchComparison.label($0.contextTokens))" }
            == ["agent/gpt/4K", "agent/gpt/8K", "agent/gpt/all", "rlm/offline/4K", "rlm/offline/8K", "rlm/offline/all"])
        let rlm4 = comparison.rows[3]
        #expect(rlm4.runs == 2 && rlm4.accuracy == 0.75 && rlm4.meanSeconds == 3 && rlm4.meanSteps == 5)
        #expect(rlm4.totalCost == 0 && rlm4.meanTokens == 409)
        let rlm8 = comparison.rows[4]
        #expect(rlm8.runs == 2 && rlm8.accuracy == 0.5 && rlm8.failed == 1)
        let rlmAll = comparison.rows[5]
        #expect(rlmAll.runs == 4 && rlmAll.accuracy == 0.625 && rlmAll.contextTokens == nil)
        #expect(comparison.rows[0].totalCost == nil, "unknown cost stays unknown")
        #expect(comparison.rows[1].totalCost == 0.02 && comparison.rows[1].meanCost == 0.02)
        #expect(comparison.rows[2].totalCost == nil)
    }

    @Test func tableIsAlignedAndShowsUnknownCostAsQuestionMark() {
        let lines = BenchComparison(results: ResultFixtures.rows).table().split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0].hasPrefix("strategy  model    context  n  accuracy"))
        #expect(lines[1].contains(" ?  ") && lines[1].hasPrefix("agent     gpt           4K  1     1.000"))
        #expect(lines[4].contains("rlm       offline       4K  2     0.750"))
        #expect(lines[4].contains("$0.0000"))
        let accuracyColumn = lines[0].range(of: "accuracy")!.upperBound.utf16Offset(in: lines[0])
        for line in lines.dropFirst() {
            #expect(line.utf16.count >= accuracyColumn && line.prefix(accuracyColumn).last!.isNumber, "right-aligned: \(line)")
        }
    }

    @Test func jsonHasNullForUnknownCost() throws {
        let json = try BenchComparison(results: ResultFixtures.rows).json()
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let rows = value["rows"] as! [[String: Any]]
        #expect(rows.count == 6)
        #expect(rows[0]["total_cost"] is NSNull)
        #expect(rows[2]["context_tokens"] is NSNull)
        #expect(rows[3]["accuracy"] as? Double == 0.75)
    }

    @Test func resultSetKeepsTheLastRowPerKey() throws {
        let temp = TemporaryDirectory()
        var retried = ResultFixtures.rows[3]
        retried.score = 1
        retried.error = nil
        let url = temp.url.appendingPathComponent("r.jsonl")
        try JSONLines.write(ResultFixtures.rows + [retried], to: url)
        let set = try BenchResultSet(contentsOf: [url])
        #expect(set.rows.count == 6 && set.conflicts == 1 && set.rowsRead == 7)
        #expect(set.rows.first { $0.key == retried.key }?.score == 1)
        try "{\"task\":1}\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: BenchError.self) { try BenchResultSet(contentsOf: [url]) }
    }
}
