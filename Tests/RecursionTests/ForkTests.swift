import FSContext
import Foundation
import Models
import SharedValues
import Testing
@testable import Recursion

@Suite("fsctx fork")
struct ForkTests {
    @Test("a fork replays the steps up to N, branches off step N's commit and goes on with the live model")
    func fork() async throws {
        let corpus = try CorpusFixture()
        let programs = ["grep -c grass docs/0001.txt", "read docs/0002.txt 1 2", "read docs/0003.txt 1 2"]
        let original = ScriptedModel { request in
            let turn = ScriptedModel.turn(request)
            return ScriptedModel.sh(turn <= programs.count ? programs[turn - 1] : "answer 'original'")
        }
        let run = try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: "What is there?", strategy: .agent, model: "scripted"),
            models: { _ in original })
        let live = ScriptedModel { _ in ScriptedModel.sh("answer 'forked'") }
        // Steps: 1 model, 2 program, 3 model, 4 program, … — fork after step 4 (two turns and their programs).
        let report = try await Forker.fork(corpusAt: corpus.url, runID: run.runID, atStep: 4, model: live, spec: "scripted-live",
                                           forkID: "fork-1")
        #expect(report.replayedTurns == 2)
        #expect(report.outcome.answer == "forked")
        let catalog = try RunCatalog(repositoryAt: corpus.url)
        let before = try catalog.steps(run.runID), after = try catalog.steps("fork-1")
        #expect(after.prefix(4).map(\.program) == before.prefix(4).map(\.program))
        #expect(after.prefix(4).map(\.output) == before.prefix(4).map(\.output))
        #expect(after.count == 6)  // four replayed, then the live turn and its answer program
        #expect(after[4].kind == "model" && after[5].program == "answer 'forked'")
        // The fork's first commit has the original's step-4 commit as its parent.
        let stepFour = try #require(try catalog.commit(ofStep: 4, in: run.runID))
        #expect(report.parentCommit == stepFour.hex)
        let first = try git(["log", "--reverse", "--format=%P %s", "refs/fsctx/runs/fork-1"], in: corpus.url).stdout
            .split(separator: "\n").first { $0.contains("run fork-1") }
        #expect(first?.hasPrefix(stepFour.hex + " ") == true, "\(first ?? "")")
        #expect(try catalog.configuration("fork-1").model == "fork:\(run.runID)@4+scripted-live")
        #expect(try git(["fsck", "--strict"], in: corpus.url).status == 0)
        await #expect(throws: RecursionError.self) {
            try await Forker.fork(corpusAt: corpus.url, runID: run.runID, atStep: 99, model: live, spec: "x")
        }
    }
}
