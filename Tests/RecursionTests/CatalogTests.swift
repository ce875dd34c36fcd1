import FSContext
import Foundation
import Models
import OfflineBaseline
import Testing
@testable import Recursion

@Suite("Log, show and replay")
struct CatalogTests {
    static let needle = "One of the special magic numbers for wandering-heron is: 7321890."
    static let question = "What is the special magic number for wandering-heron mentioned in the provided text?"

    @Test("log lists runs with status, steps and tokens; show renders the trajectory and SRLM scores")
    func logAndShow() async throws {
        let corpus = try CorpusFixture(needles: [3: Self.needle])
        var options = StrategyOptions()
        options.srlm.candidates = 3
        let agent = try await Runner.run(corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: .agent, model: "offline"),
                                         models: { _ in OfflineModel() })
        let srlm = try await Runner.run(corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: .srlm, model: "offline", options: options),
                                        models: { _ in OfflineModel() })
        let catalog = try RunCatalog(repositoryAt: corpus.url)
        let runs = try catalog.list()
        #expect(Set(runs.map(\.id)) == [agent.runID, srlm.runID])
        #expect(runs.allSatisfy { $0.status == "answered" && $0.answer == "7321890" && $0.steps > 0 && $0.tokens > 0 })
        #expect(RunFormatter.logTable(runs).contains(srlm.runID))

        let text = RunFormatter.show(runID: srlm.runID, configuration: try catalog.configuration(srlm.runID), outcome: try catalog.outcome(srlm.runID),
                                     steps: try catalog.steps(srlm.runID), selection: try catalog.selection(srlm.runID))
        #expect(text.contains("SRLM selection"))
        #expect(text.contains("root/c3"))
        #expect(text.contains("grep"))
    }

    @Test("a run without answer.json (killed) shows as incomplete")
    func incomplete() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await Runner.run(corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: .agent, model: "offline"),
                                           models: { _ in OfflineModel() })
        // Simulate a kill before the last commit: move the ref back one commit.
        let head = try corpus.repository.resolveReference(RunID.ref(outcome.runID))!
        let parent = try corpus.repository.commitInfo(head).parents[0]
        try corpus.repository.updateReference(RunID.ref(outcome.runID), to: parent, logMessage: "simulate kill")
        let summary = try RunCatalog(repositoryAt: corpus.url).summary(outcome.runID)
        #expect(summary.status == "incomplete")
        #expect(summary.steps > 0)
    }

    @Test("replay of a recorded run is identical; a changed corpus makes it diverge, naming where")
    func replay() async throws {
        let corpus = try CorpusFixture(needles: [5: Self.needle])
        var options = StrategyOptions()
        options.srlm.candidates = 2
        for kind in [StrategyKind.agent, .rlm, .srlm, .rag] {
            let original = try await Runner.run(
                corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: kind, model: "offline", options: options),
                models: { _ in OfflineModel() })
            let report = try await Replayer.replay(corpusAt: corpus.url, runID: original.runID)
            #expect(report.identical, "\(kind): \(report.divergence ?? "")")
            #expect(report.replayAnswer == "7321890")
        }
        // Change the corpus the run reads (the work tree) and replay: the grep output differs.
        let original = try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: .agent, model: "offline"),
            models: { _ in OfflineModel() })
        let file = corpus.url.appendingPathComponent("docs/0006.txt")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "7321890", with: "1111111").write(to: file, atomically: true, encoding: .utf8)
        let report = try await Replayer.replay(corpusAt: corpus.url, runID: original.runID)
        #expect(!report.identical)
        #expect(report.divergence?.contains("agent root") == true || report.divergence?.contains("step") == true, "\(report.divergence ?? "")")
    }
}
