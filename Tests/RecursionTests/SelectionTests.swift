import Foundation
import Testing
@testable import Recursion
import Models

@Suite("Answer normalization")
struct AnswerNormalizerTests {
    @Test("case, whitespace, punctuation, articles and number formats compare equal", arguments: [
        ("The answer is 1,234.", "answer is 1234"),
        ("  ANSWER   is 1234.0 ", "answer is 1234"),
        ("\"wandering-heron\"", "wandering-heron"),
        ("007", "7"),
        ("3.50", "3.5"),
        ("A cat, the dog!", "cat dog"),
    ])
    func normalizes(_ input: String, _ expected: String) {
        #expect(AnswerNormalizer.normalize(input) == expected)
    }

    @Test("different answers stay different")
    func distinct() {
        #expect(AnswerNormalizer.normalize("1234") != AnswerNormalizer.normalize("1243"))
    }
}

@Suite("SRLM selection")
struct SRLMSelectionTests {
    @Test("keeps the majority answer, then picks the largest VC·Len (confident and short)")
    func majorityThenScore() {
        let candidates = [
            SRLMCandidateSummary(index: 0, answer: "42", confidences: [90, 90], tokens: 100),
            SRLMCandidateSummary(index: 1, answer: "Forty", confidences: [100], tokens: 10),
            SRLMCandidateSummary(index: 2, answer: "42.0", confidences: [95], tokens: 50),
            SRLMCandidateSummary(index: 3, answer: "42", confidences: [50], tokens: 500),
        ]
        let selection = SRLMSelection.select(candidates)
        #expect(selection.majorityAnswer == "42")
        #expect(selection.majorityVotes == 3)
        // s = Σlog(ν/100)·Len: #0 = 2·log(.9)·100 ≈ -21.1, #2 = log(.95)·50 ≈ -2.6, #3 ≈ -346.6.
        #expect(selection.chosen == 2)
        #expect(selection.scores[1].inMajority == false)
        #expect(abs(selection.scores[0].score - 2 * log(0.9) * 100) < 1e-9)
    }

    @Test("ties break deterministically and an all-empty field selects nobody")
    func ties() {
        let same = (0..<4).map { SRLMCandidateSummary(index: $0, answer: "x", confidences: [80], tokens: 10) }
        #expect(SRLMSelection.select(same).chosen == 0)
        let empty = (0..<3).map { SRLMCandidateSummary(index: $0, answer: "", confidences: [], tokens: 0) }
        #expect(SRLMSelection.select(empty).chosen == nil)
    }
}

@Suite("BM25")
struct BM25Tests {
    @Test("ranks the chunk with the rare query term first")
    func ranks() {
        let index = BM25Index(chunks: [
            .init(path: "a", startLine: 1, text: "the grass is green and the sky is blue"),
            .init(path: "b", startLine: 1, text: "the magic number for wandering-heron is 42"),
            .init(path: "c", startLine: 1, text: "the sky is blue the sky is blue"),
        ])
        let hits = index.search("What is the magic number for wandering-heron?", k: 2)
        #expect(hits.first?.chunk.path == "b")
        #expect(index.search("zebra", k: 3).isEmpty)
    }
}

@Suite("Budget ledger")
struct BudgetLedgerTests {
    @Test("children charge tokens to the root and stop when the tree is out")
    func carving() {
        let root = BudgetLedger(budget: RunBudget(maxSteps: 10, maxTokens: 100))
        let child = root.child()
        #expect(child.budget.maxSteps == 5)
        child.charge(TokenUsage(promptTokens: 50, completionTokens: 10, costUSD: nil))
        #expect(root.tokensSpent == 60)
        #expect(root.dollarsSpent == nil)
        #expect(child.exhausted() == nil)
        root.charge(TokenUsage(promptTokens: 40, costUSD: 0))
        #expect(child.exhausted() == .budgetTokens)
        for _ in 0..<5 { child.chargeStep() }
        #expect(child.exhausted() == .budgetSteps)
    }
}
