import FSContext
import Foundation
import Models
import SharedValues
import Testing
@testable import Recursion

@Suite("Grounded answers")
struct GroundingTests {
    /// A long text materialized into chunks, so lines map back through the manifest.
    static func materializedCorpus(_ folder: TemporaryDirectory) throws -> (repo: URL, input: URL, needleOffset: Int, needleLine: Int) {
        let input = folder.url.appendingPathComponent("book.txt")
        var lines = (1...3_000).map { "Line \($0): the river runs on and on past the old mill." }
        lines[2_199] = "The special magic number for wandering-heron is 7321890."
        let text = lines.joined(separator: "\n") + "\n"
        try text.write(to: input, atomically: true, encoding: .utf8)
        let offset = text.utf8.count - lines[2_199...].joined(separator: "\n").utf8.count - 1
        let repo = folder.url.appendingPathComponent("corpus")
        _ = try Materializer(MaterializeOptions(inputs: [input.path])).run(into: repo)
        return (repo, input, offset, 2_200)
    }

    func run(_ repo: URL, answer: String, program: String) async throws -> RunOutcome {
        let scripted = ScriptedModel { request in
            ScriptedModel.turn(request) == 1 ? ScriptedModel.sh(program) : ScriptedModel.sh("answer '\(answer)'")
        }
        return try await Runner.run(
            corpusAt: repo, request: RunRequest(question: "What is the special magic number for wandering-heron?", strategy: .agent,
                                                model: "scripted"),
            models: { _ in scripted })
    }

    @Test("an answer seen in grep output is grounded, with its source line and byte range")
    func grounded() async throws {
        let folder = TemporaryDirectory("fsctx-grounding")
        let corpus = try Self.materializedCorpus(folder)
        let outcome = try await run(corpus.repo, answer: "7321890", program: "grep -rn 'wandering-heron' .")
        #expect(outcome.grounded == true)
        let evidence = try #require(outcome.evidence?.first)
        #expect(evidence.text == "The special magic number for wandering-heron is 7321890.")
        #expect(evidence.source == corpus.input.path)
        #expect(evidence.sourceLine == corpus.needleLine)
        #expect(evidence.sourceBytes == [corpus.needleOffset, corpus.needleOffset + evidence.text.utf8.count])
        // The line read back from the source at that byte range is the line the agent saw.
        let bytes = try Data(contentsOf: corpus.input)
        let range = evidence.sourceBytes!
        #expect(String(decoding: bytes[range[0]..<range[1]], as: UTF8.self) == evidence.text)
        // `fsctx show` prints it; answer.json keeps it.
        let catalog = try RunCatalog(repositoryAt: corpus.repo)
        let text = RunFormatter.show(runID: outcome.runID, configuration: try catalog.configuration(outcome.runID),
                                     outcome: try catalog.outcome(outcome.runID), steps: try catalog.steps(outcome.runID), selection: nil)
        #expect(text.contains("grounded: yes, 1 line seen contain the answer"))
        #expect(text.contains("(\(corpus.input.path):\(corpus.needleLine), bytes \(corpus.needleOffset)–"))
        #expect(try git(["log", "-1", "--format=%(trailers:key=Fsctx-Grounded,valueonly)", "refs/fsctx/runs/\(outcome.runID)"],
                        in: corpus.repo).stdout.contains("true"))
    }

    @Test("a numbered read of one file is placed by its line numbers; an unseen answer is not grounded")
    func readAndUngrounded() async throws {
        let folder = TemporaryDirectory("fsctx-grounding-read")
        let corpus = try Self.materializedCorpus(folder)
        let repository = try CorpusRepository.open(at: corpus.repo)
        let file = try #require(try repository.listFiles().first { try repository.readText(path: $0).contains("7321890") })
        let read = try await run(corpus.repo, answer: "7321890", program: "read \(file) 1 400")
        #expect(read.grounded == true)
        #expect(read.evidence?.first?.path == file)
        #expect(read.evidence?.first?.sourceLine == corpus.needleLine)
        let unseen = try await run(corpus.repo, answer: "4242", program: "read \(file) 1 3")
        #expect(unseen.grounded == false)
        #expect(unseen.evidence == [])
    }
}
