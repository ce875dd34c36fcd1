import FSContext
import Foundation
import Testing
@testable import Models

@Suite struct UsageAndReplayTests {
    @Test func usageSumsAndUnknownCostStaysUnknown() {
        let a = TokenUsage(promptTokens: 10, completionTokens: 5, reasoningTokens: 1, costUSD: 0.25)
        let b = TokenUsage(promptTokens: 1, completionTokens: 2, costUSD: 0.5)
        let sum = TokenUsage.sum([a, b])
        #expect(sum.promptTokens == 11 && sum.completionTokens == 7 && sum.reasoningTokens == 1 && sum.calls == 2)
        #expect(sum.costUSD == 0.75)
        #expect(TokenUsage.sum([a, TokenUsage(costUSD: nil)]).costUSD == nil)
        #expect(TokenUsage.sum([TokenUsage]()) == .zero)
    }

    @Test func priceTableMatchesPrefixesAndLoadsOverrides() throws {
        #expect(PriceTable.builtIn.price(for: "claude-sonnet-4-5-20250929")?.inputPerMillion == 3)
        #expect(PriceTable.builtIn.price(for: "openai/gpt-4o-mini")?.outputPerMillion == 0.6)
        #expect(PriceTable.builtIn.cost(for: "totally-unknown", promptTokens: 1, completionTokens: 1) == nil)
        let directory = TemporaryDirectory("fsctx-prices")
        let file = directory.url.appendingPathComponent("prices.json")
        try #"{"my-vllm-model": {"input": 0, "output": 0}, "gpt-4o-mini": {"input": 1, "output": 2}}"#.write(to: file, atomically: true, encoding: .utf8)
        let table = try PriceTable.loading(overridesAt: file.path)
        #expect(table.cost(for: "my-vllm-model", promptTokens: 100, completionTokens: 100) == 0)
        #expect(table.cost(for: "gpt-4o-mini", promptTokens: 1_000_000, completionTokens: 1_000_000) == 3)
        try "not json".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ModelError.self) { try PriceTable.loading(overridesAt: file.path) }
    }

    @Test func parsesVerbalizedConfidence() {
        #expect(VerbalizedConfidence.parse("The answer is 42.\nConfidence: 85") == 85)
        #expect(VerbalizedConfidence.parse("**Confidence:** 70%") == 70)
        #expect(VerbalizedConfidence.parse("confidence = 0.9") == 90)
        #expect(VerbalizedConfidence.parse("Confidence: 0") == 1)
        #expect(VerbalizedConfidence.parse("Confidence: 250") == 100)
        #expect(VerbalizedConfidence.parse("no statement") == nil)
        let call = ToolCall(id: "1", name: "answer", arguments: ["answer": "x", "confidence": 64])
        #expect(VerbalizedConfidence.parse(toolCalls: [call]) == 64)
    }

    @Test func replayReturnsRecordedTurnsAndNamesTheStepOnMismatch() async throws {
        let offline = OfflineModel()
        let first = ModelRequest(messages: [.user("Context: The code for Zorbia is: ZB-77.\nQuestion: What is the code for Zorbia?")])
        let recorded = try await offline.complete(first)
        let turns = [RecordedTurn(step: 1, request: first, response: recorded)]
        let data = try JSONEncoder().encode(turns)   // what the run recorder stores
        let replay = ReplayModel(turns: try JSONDecoder().decode([RecordedTurn].self, from: data), runID: "r1")
        #expect(try await replay.complete(first) == recorded)
        let exhausted = await #expect(throws: ModelError.self) { try await replay.complete(first) }
        #expect(exhausted?.code == .replayMismatch && exhausted?.message.contains("step 2") == true)

        let other = ReplayModel(turns: turns, runID: "r1")
        var changed = first
        changed.messages[0].content += " (edited)"
        let mismatch = await #expect(throws: ModelError.self) { try await other.complete(changed) }
        #expect(mismatch?.message.contains("step 1 request differs") == true)
        #expect(first.fingerprint == ModelRequest(messages: first.messages, temperature: 0.7).fingerprint)
        #expect(first.fingerprint != changed.fingerprint && first.fingerprint.count == 16)
    }

    @Test func factoryReadsTheEnvironmentAndExplainsWhatIsMissing() throws {
        #expect(try ModelFactory.make("offline:seed=2", configuration: ModelConfiguration()).name == "offline:seed=2")
        let missing = #expect(throws: ModelError.self) { try ModelFactory.make("openai:gpt-4o", configuration: ModelConfiguration()) }
        #expect(missing?.message.contains("OPENAI_API_KEY") == true)
        let local = try ModelFactory.make("openai:qwen", configuration: ModelConfiguration(environment: ["OPENAI_BASE_URL": "http://localhost:8000/v1"]))
        #expect(local.name == "openai:qwen")
        #expect(throws: ModelError.self) { try ModelFactory.make("anthropic:claude-haiku-4-5", configuration: ModelConfiguration()) }
        #expect(try ModelFactory.make("anthropic:claude-haiku-4-5", configuration: ModelConfiguration(environment: ["ANTHROPIC_API_KEY": "k"])).name == "anthropic:claude-haiku-4-5")
        #expect(throws: ModelError.self) { try ModelFactory.make("replay:abc", configuration: ModelConfiguration()) }
        #expect(throws: ModelError.self) { try ModelFactory.make("openai:x", configuration: ModelConfiguration(baseURL: "localhost:8000")) }
        #expect(try Endpoint.url(base: "http://localhost:8080", path: "/chat/completions") == "http://localhost:8080/v1/chat/completions")
        #expect(try Endpoint.url(base: "https://openrouter.ai/api/v1/", path: "/chat/completions") == "https://openrouter.ai/api/v1/chat/completions")
    }

    @Test func sseParserHandlesSplitsCRLFAndComments() {
        var parser = ServerSentEventParser()
        for piece in [": keepalive\r\n", "event: a\r\ndata: one\r\n", "data: two\r\n\r\nda", "ta: three\n\n", "data: partial"] {
            Array(piece.utf8).withUnsafeBytes { parser.feed($0) }
        }
        #expect(parser.events == [ServerSentEvent(event: "a", data: "one\ntwo"), ServerSentEvent(data: "three")])
        #expect(parser.hasPendingInput)
    }
}
