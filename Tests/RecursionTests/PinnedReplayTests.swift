import FSContext
import Foundation
import Models
import SharedValues
import Testing
@testable import Recursion

@Suite("Replay pinned to its corpus commit")
struct PinnedReplayTests {
    @Test("a replay after the corpus moved runs on the recorded commit and is identical")
    func pinned() async throws {
        let corpus = try CorpusFixture()
        let scripted = ScriptedModel { request in
            ScriptedModel.turn(request) == 1 ? ScriptedModel.sh("cat docs/0002.txt | head -3") : ScriptedModel.sh("answer 'seen'")
        }
        let original = try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: "What does docs/0002.txt start with?", strategy: .agent, model: "scripted"),
            models: { _ in scripted })
        // The corpus moves on: docs/0002.txt changes in a new corpus commit and in the work tree.
        let changed = "A different first line.\n"
        let tree = try corpus.repository.writeTree(updating: try corpus.repository.commitInfo(corpus.commit).tree,
                                                   with: ["docs/0002.txt": .blob(try corpus.repository.writeBlob(text: changed))])
        let moved = try corpus.repository.writeCommit(tree: tree, parents: [corpus.commit], message: "corpus v2\n")
        try corpus.repository.updateReference("refs/heads/corpus", to: moved, logMessage: "corpus v2")
        let file = corpus.url.appendingPathComponent("docs/0002.txt")
        _ = try run("/bin/chmod", ["-R", "u+w", corpus.url.appendingPathComponent("docs").path])
        try changed.write(to: file, atomically: true, encoding: .utf8)

        let report = try await Replayer.replay(corpusAt: corpus.url, runID: original.runID)
        #expect(report.pinned == true)
        #expect(report.corpusCommit == corpus.commit.hex)
        #expect(report.identical, "\(report.divergence ?? "")")
        // The replay's run starts on the recorded corpus commit, and no temporary work tree is left.
        #expect(try RunCatalog(repositoryAt: corpus.url).configuration(report.replayRunID).corpusCommit == corpus.commit)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("fsctx-pinned-\(corpus.commit.short)") }
        #expect(leftovers.isEmpty)
        // A new run takes the moved corpus.
        let fresh = try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: "What does docs/0002.txt start with?", strategy: .agent, model: "scripted"),
            models: { _ in scripted })
        let output = try RunCatalog(repositoryAt: corpus.url).steps(fresh.runID).first { $0.kind == "program" }?.output
        #expect(output == changed)
    }
}
