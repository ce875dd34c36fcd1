import Testing
@testable import Bench

@Suite struct BenchScorerTests {
    @Test func stringMatchAllIsTheFractionOfGoldStringsContained() {
        let scorer = BenchScorer.stringMatchAll
        #expect(scorer.score(prediction: "The number is 1234567.", answers: ["1234567"]) == 1)
        #expect(scorer.score(prediction: "1234567 and APPLE", answers: ["1234567", "apple", "pear", "plum"]) == 0.5)
        #expect(scorer.score(prediction: "no idea", answers: ["1234567"]) == 0)
    }

    @Test func stringMatchPartIsOneWhenAnyGoldStringIsContained() {
        let scorer = BenchScorer.stringMatchPart
        #expect(scorer.score(prediction: "maybe pear", answers: ["apple", "pear"]) == 1)
        #expect(scorer.score(prediction: "banana", answers: ["apple", "pear"]) == 0)
    }

    @Test func countScoreIsThreeQuartersToTheDistance() {
        let scorer = BenchScorer.count075
        #expect(scorer.score(prediction: "There are 12 records.", answers: ["12"]) == 1)
        #expect(scorer.score(prediction: "14", answers: ["12"]) == 0.5625)
        #expect(abs(scorer.score(prediction: "about 9, maybe 20", answers: ["12"]) - 0.421875) < 1e-12)
        #expect(scorer.score(prediction: "1,024 of them", answers: ["1024"]) == 1)
        #expect(scorer.score(prediction: "none that I saw", answers: ["12"]) == 0)
    }

    @Test func labelsExactOrContained() {
        #expect(BenchScorer.labelExact.score(prediction: " Complaint.\n", answers: ["complaint"]) == 1)
        #expect(BenchScorer.labelExact.score(prediction: "complaint is more common", answers: ["complaint"]) == 0)
        #expect(BenchScorer.labelContains.score(prediction: "It is complaint, clearly", answers: ["complaint"]) == 1)
        #expect(BenchScorer.labelContains.score(prediction: "complaints", answers: ["complaint"]) == 0)
    }

    @Test func scorerNamesMatchTheTaskFileSpelling() {
        #expect(BenchScorer.allCases.map(\.rawValue) == ["string_match_all", "string_match_part", "count_0.75", "label_exact", "label_contains"])
    }
}
