import FSContext
import Foundation
import Models
import Testing
@testable import Recursion

@Suite("fsctx diff")
struct RunDiffTests {
    func run(_ corpus: CorpusFixture, programs: [String]) async throws -> RunOutcome {
        let scripted = ScriptedModel { request in
            let turn = ScriptedModel.turn(request)
            return ScriptedModel.sh(turn <= programs.count ? programs[turn - 1] : "answer 'done'")
        }
        return try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: "What is there?", strategy: .agent, model: "scripted"),
            models: { _ in scripted })
    }

    @Test("aligns steps agent by agent and finds the first divergence")
    func divergence() async throws {
        let corpus = try CorpusFixture()
        let a = try await run(corpus, programs: ["grep -c grass docs/0001.txt", "read docs/0002.txt 1 2"])
        let b = try await run(corpus, programs: ["grep -c grass docs/0001.txt", "read docs/0003.txt 1 2"])
        let same = try await run(corpus, programs: ["grep -c grass docs/0001.txt", "read docs/0002.txt 1 2"])
        let catalog = try RunCatalog(repositoryAt: corpus.url)
        let diff = try RunDiff.compare(catalog, a.runID, b.runID)
        let first = try #require(diff.firstDivergence)
        #expect(first.agent == "root")
        #expect(first.index == 3)  // turn 1, its program, then turn 2 asks for another file
        #expect(first.differs == ["action"])
        #expect(diff.differing.contains { $0.differs.contains("program") && $0.differs.contains("output") })
        #expect(diff.sameAnswer)
        let text = diff.text()
        #expect(text.contains("first divergence: agent root, step 3 of it (action differ)"))
        #expect(text.contains("read docs/0003.txt 1 2"))
        let identical = try RunDiff.compare(catalog, a.runID, same.runID)
        #expect(identical.firstDivergence == nil)
        #expect(identical.text().contains("steps: the same"))
        #expect(throws: RecursionError.self) { try RunDiff.compare(catalog, a.runID, "no-such-run") }
    }
}
