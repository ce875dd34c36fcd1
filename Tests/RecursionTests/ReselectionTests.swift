import Foundation
import Testing
@testable import Recursion

@Suite("Re-selection from records")
struct ReselectionTests {
    /// Two right candidates agreeing (one unsure), one wrong and very sure.
    static let run = RecordedCandidates(series: "srlm/m", candidates: [
        SRLMCandidateSummary(index: 0, answer: "The answer is 42.", confidences: [50], tokens: 10),
        SRLMCandidateSummary(index: 1, answer: "42", confidences: [90], tokens: 10),
        SRLMCandidateSummary(index: 2, answer: "7", confidences: [99], tokens: 10),
    ], correctness: [1, 1, 0])

    func accuracy(_ rows: [ReselectionRow], _ rule: SelectionRule, _ size: Int) -> Double? {
        rows.first { $0.rule == rule && $0.candidates == size }?.accuracy
    }

    @Test("every rule at every K' ≤ K, averaged over all K'-subsets")
    func averages() throws {
        let rows = Reselection.rows([Self.run])
        #expect(rows.count == 3 * SelectionRule.allCases.count)
        // K'=1: any rule picks the lone candidate: 2 of 3 subsets are right.
        for rule in SelectionRule.allCases { #expect(abs(accuracy(rows, rule, 1)! - 2.0 / 3) < 1e-12) }
        // K'=2: majority ties go to the earlier answer: {0,1} 42, {0,2} 42, {1,2} 42.
        #expect(accuracy(rows, .majority, 2) == 1)
        // VC alone prefers the confident wrong one whenever it is there: only {0,1} is right.
        #expect(abs(accuracy(rows, .vc, 2)! - 1.0 / 3) < 1e-12)
        #expect(accuracy(rows, .oracle, 2) == 1)
        // K'=3: the majority filter saves SRLM from the confident wrong candidate; VC·Len alone is not saved.
        #expect(accuracy(rows, .srlm, 3) == 1)
        #expect(accuracy(rows, .vcLen, 3) == 0)
    }

    @Test("unknown truth gives unknown accuracy; runs with fewer candidates count only up to their K")
    func unknownsAndSizes() {
        var small = Self.run
        small.candidates = Array(small.candidates.prefix(2))
        small.correctness = nil
        let rows = Reselection.rows([Self.run, small])
        #expect(rows.first { $0.candidates == 2 && $0.rule == .srlm }?.runs == 2)
        #expect(rows.first { $0.candidates == 3 && $0.rule == .srlm }?.runs == 1)
        #expect(Reselection.rows([small]).allSatisfy { $0.accuracy == nil })
    }

    @Test("subsets: all of them when few, a fixed sample of distinct sorted ones when many")
    func subsets() {
        #expect(Reselection.subsets(of: 4, size: 2) == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        #expect(Reselection.subsets(of: 10, size: 5).count == 252)
        let sample = Reselection.subsets(of: 12, size: 6)
        #expect(sample.count == Reselection.maxSubsets)
        #expect(sample.allSatisfy { Set($0).count == 6 && $0 == $0.sorted() && $0.allSatisfy { (0..<12).contains($0) } })
        #expect(sample == Reselection.subsets(of: 12, size: 6))
    }
}
