import FSContext
import Foundation
import Models
import OfflineBaseline
import Testing
@testable import Recursion

@Suite("Runner with the offline model")
struct RunnerTests {
    static let needle = "One of the special magic numbers for wandering-heron is: 7321890."
    static let question = "What is the special magic number for wandering-heron mentioned in the provided text?"

    static func offline(_ path: String) throws -> any LanguageModel { OfflineModel() }

    @Test("every strategy answers a single needle and records a valid history", arguments: StrategyKind.allCases)
    func strategies(_ kind: StrategyKind) async throws {
        let corpus = try CorpusFixture(needles: [7: Self.needle])
        var options = StrategyOptions()
        options.srlm.candidates = 3
        let outcome = try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: kind, model: "offline", options: options),
            models: Self.offline)
        #expect(outcome.stopReason == .answered, "\(kind): \(outcome.error ?? "")")
        #expect(outcome.answer?.contains("7321890") == true, "\(kind) answered \(outcome.answer ?? "nil")")

        let ref = "refs/fsctx/runs/\(outcome.runID)"
        let fsck = try git(["fsck", "--strict"], in: corpus.url)
        #expect(fsck.status == 0, "fsck: \(fsck.stdout) \(fsck.stderr)")
        let log = try git(["log", "--format=%s", ref], in: corpus.url).stdout
        #expect(log.contains("run \(outcome.runID)"))
        #expect(log.contains("answer \(outcome.runID) (answered)"))
        // The first commit of the run has the corpus commit as its parent.
        let start = try git(["log", "--format=%P %s", ref], in: corpus.url).stdout
            .split(separator: "\n").first { $0.contains(" run \(outcome.runID):") }
        #expect(start?.hasPrefix(corpus.commit.hex + " ") == true, "first commit: \(start ?? "none")")
        if kind == .srlm {
            #expect(outcome.selection?.scores.count == 3)
            let merge = try git(["log", "--merges", "--format=%s", ref], in: corpus.url).stdout
            #expect(merge.contains("select"))
            let selection = try git(["show", "\(ref):.fsctx/runs/\(outcome.runID)/selection.json"], in: corpus.url)
            #expect(selection.status == 0 && selection.stdout.contains("\"inMajority\""))
        }
    }
}
