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

    @Test("VC counts every turn, a turn without ν as 50: reporting less does not win")
    func everyTurnCounts() {
        let silent = SRLMCandidateSummary(index: 0, answer: "42", confidences: [nil, nil, 90], tokens: 30)
        let candid = SRLMCandidateSummary(index: 1, answer: "42", confidences: [80, 80, 90], tokens: 30)
        let selection = SRLMSelection.select([silent, candid])
        #expect(abs(selection.scores[0].verbalizedConfidence - (2 * log(0.5) + log(0.9))) < 1e-12)
        #expect(abs(selection.scores[1].verbalizedConfidence - (2 * log(0.8) + log(0.9))) < 1e-12)
        #expect(selection.chosen == 1)
        #expect(selection.scores[0].turnConfidences == [nil, nil, 90])
    }

    @Test("Len is the candidate's own tokens; its sub-calls' are recorded beside it, not scored")
    func ownLength() {
        let recursive = SRLMCandidateSummary(index: 0, answer: "x", confidences: [90], tokens: 20, subcallTokens: 5_000)
        let plain = SRLMCandidateSummary(index: 1, answer: "x", confidences: [90], tokens: 40)
        let selection = SRLMSelection.select([recursive, plain])
        #expect(selection.scores[0].length == 20 && selection.scores[0].subcallTokens == 5_000)
        #expect(selection.chosen == 0)
    }

    @Test("a whole-word answer and a sentence containing it vote together")
    func containmentVotes() {
        let candidates = [
            SRLMCandidateSummary(index: 0, answer: "The answer is 42.", confidences: [90], tokens: 10),
            SRLMCandidateSummary(index: 1, answer: "7", confidences: [99], tokens: 5),
            SRLMCandidateSummary(index: 2, answer: "42", confidences: [60], tokens: 10),
            SRLMCandidateSummary(index: 3, answer: "7", confidences: [99], tokens: 5),
            SRLMCandidateSummary(index: 4, answer: "It is 42", confidences: [50], tokens: 10),
        ]
        let selection = SRLMSelection.select(candidates)
        #expect(selection.majorityAnswer == "42" && selection.majorityVotes == 3)
        #expect(selection.chosen == 0)
        #expect(selection.scores.map(\.group) == ["42", "7", "42", "7", "42"])
    }
}

@Suite("Answer groups")
struct AnswerGroupsTests {
    @Test("normalization plus whole-word containment", arguments: [
        ("42", "The answer is 42.", true),
        ("1,234", "it is 1234.0", true),
        ("wandering-heron", "The key is wandering-heron!", true),
        ("42", "142", false),
        ("4", "42", false),
        ("42", "43", false),
        ("", "", false),
        ("Paris", "paris", true),
    ])
    func agreement(_ lhs: String, _ rhs: String, _ agree: Bool) {
        #expect(AnswerGroups.agree(lhs, rhs) == agree)
        #expect(AnswerGroups.agree(rhs, lhs) == agree)
    }

    @Test("an answer containing two groups' keys is ambiguous and stands alone; order does not matter")
    func ambiguous() {
        let answers = ["42", "43", "42 or 43", "about 43"]
        let groups = AnswerGroups(answers)
        #expect(groups.keys == ["42", "43", "42 or 43", "43"])
        #expect(AnswerGroups(answers.reversed()).keys == groups.keys.reversed())
    }
}

@Suite("Selection rules")
struct SelectionRuleTests {
    static let candidates = SRLMSelection.scores([
        SRLMCandidateSummary(index: 0, answer: "7", confidences: [99], tokens: 500),
        SRLMCandidateSummary(index: 1, answer: "42", confidences: [50], tokens: 10),
        SRLMCandidateSummary(index: 2, answer: "42", confidences: [90], tokens: 100),
        SRLMCandidateSummary(index: 3, answer: "9", confidences: [95], tokens: 5),
    ])

    @Test("each rule picks by its own signal")
    func picks() {
        // VC: #0 log .99; Len: #3 (5 tokens); s = VC·Len: #3 ≈ -0.26, #0 ≈ -5.0, #1 ≈ -6.9, #2 ≈ -10.5.
        #expect(SelectionRule.majority.pick(Self.candidates) == 1)
        #expect(SelectionRule.vc.pick(Self.candidates) == 0)
        #expect(SelectionRule.len.pick(Self.candidates) == 3)
        #expect(SelectionRule.vcLen.pick(Self.candidates) == 3)
        #expect(SelectionRule.srlm.pick(Self.candidates) == 1)
        #expect(SelectionRule.srlm.pick(Self.candidates) == SRLMSelection.select([
            .init(index: 0, answer: "7", confidences: [99], tokens: 500), .init(index: 1, answer: "42", confidences: [50], tokens: 10),
            .init(index: 2, answer: "42", confidences: [90], tokens: 100), .init(index: 3, answer: "9", confidences: [95], tokens: 5),
        ]).chosen)
    }

    @Test("oracle is right when any candidate is")
    func oracle() {
        let truth: [Int: Double] = [0: 1, 1: 0, 2: 0, 3: 0]
        #expect(SelectionRule.oracle.outcome(Self.candidates, correctness: truth) == 1)
        #expect(SelectionRule.srlm.outcome(Self.candidates, correctness: truth) == 0)
        #expect(SelectionRule.vc.outcome(Self.candidates, correctness: truth) == 1)
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
