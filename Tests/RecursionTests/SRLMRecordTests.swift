import FSContext
import Foundation
import Models
import Testing
@testable import Recursion

@Suite("SRLM records each turn's ν")
struct SRLMRecordTests {
    static let question = "What is the special magic number for wandering-heron mentioned in the provided text?"

    /// An `answer` tool call with ν.
    static func answer(_ text: String, confidence: Double?, tokens: Int) -> ModelResponse {
        var arguments: [String: JSONValue] = ["answer": .string(text)]
        if let confidence { arguments["confidence"] = .number(confidence) }
        let call = ToolCall(id: "a", name: "answer", arguments: .object(arguments))
        return ModelResponse(text: "", toolCalls: [call], usage: TokenUsage(promptTokens: 100, completionTokens: tokens, costUSD: nil),
                             finishReason: .toolCalls, latencySeconds: 0,
                             confidence: VerbalizedConfidence.parse(toolCalls: [call]), model: "scripted")
    }

    @Test("selection.json holds every turn's ν; the answer's ν counts once; unreported turns count 50")
    func turns() async throws {
        let corpus = try CorpusFixture()
        var options = StrategyOptions()
        options.srlm.candidates = 3
        options.srlm.candidateStrategy = .agent
        let model = ScriptedModel { request in
            let turn = ScriptedModel.turn(request)
            switch (request.seed ?? 0, turn) {
            case (1, 1): return ScriptedModel.sh("ls docs | head -2", confidence: nil)
            case (1, _): return Self.answer("42", confidence: 90, tokens: 10)
            case (2, 1): return ScriptedModel.sh("ls docs | head -2", confidence: 60)
            case (2, _): return Self.answer("The answer is 42.", confidence: 90, tokens: 10)
            default: return Self.answer("7", confidence: 100, tokens: 10)
            }
        }
        let outcome = try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: .srlm, model: "scripted", options: options),
            models: { _ in model })
        let selection = try #require(outcome.selection)
        #expect(selection.scores.map(\.turnConfidences) == [[nil, 90], [60, 90], [100]])
        #expect(abs(selection.scores[0].verbalizedConfidence - (log(0.5) + log(0.9))) < 1e-12)
        #expect(selection.scores.map(\.length) == [20, 20, 10])
        #expect(selection.majorityVotes == 2 && selection.majorityAnswer == "42")
        #expect(selection.chosen == 1)
        #expect(outcome.answer == "The answer is 42.")
        #expect(outcome.confidence == 90)

        let record = try #require(try RunCatalog(repositoryAt: corpus.url).selection(outcome.runID))
        let first = record["selection"]?["scores"]?.arrayValue?.first
        #expect(first?["turnConfidences"] == .array([.null, .number(90)]))
        #expect(record["candidates"]?.arrayValue?.first?["answerConfidence"] == .number(90))
    }

    @Test("fenced mode: `answer --confidence N` gives the answering turn its ν once")
    func fencedAnswer() async throws {
        let corpus = try CorpusFixture()
        var options = StrategyOptions()
        options.toolMode = .fenced
        options.srlm.candidates = 1
        options.srlm.candidateStrategy = .agent
        let model = ScriptedModel { request in
            ScriptedModel.turn(request) == 1
                ? ScriptedModel.text("```sh\nls docs | head -1\n```\nConfidence: 40")
                : ScriptedModel.text("```sh\nanswer --confidence 70 'x'\n```")
        }
        let outcome = try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: .srlm, model: "scripted", options: options),
            models: { _ in model })
        #expect(outcome.answer == "x")
        #expect(outcome.selection?.scores.first?.turnConfidences == [40, 70])
        #expect(outcome.confidence == 70)
    }
}
