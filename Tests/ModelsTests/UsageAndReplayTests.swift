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
        #expect(PriceTable.builtIn.price(for: "anthropic/claude-sonnet-4.5")?.outputPerMillion == 15)
        #expect(PriceTable.builtIn.price(for: "gpt-4o-mini-2024-07-18")?.inputPerMillion == 0.15)
        #expect(PriceTable.builtIn.price(for: "gpt-4o-2024-08-06")?.inputPerMillion == 2.5)
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
        let first = ModelRequest(messages: [.user("Context: The code for Zorbia is: ZB-77.\nQuestion: What is the code for Zorbia?")])
        let recorded = ModelResponse(text: "ZB-77\nConfidence: 90", usage: TokenUsage(promptTokens: 20, completionTokens: 5),
                                     finishReason: .stop, latencySeconds: 0.2, confidence: 90, model: "openai:recorded")
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
        let offline = #expect(throws: ModelError.self) { try ModelFactory.make("offline:seed=2", configuration: ModelConfiguration()) }
        #expect(offline?.message.contains("OfflineBaseline") == true)
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

extension UsageAndReplayTests {
    @Test func openAIDialectForReasoningModelsAndTheOfficialAPI() {
        let request = ModelRequest(messages: [.user("hi")], temperature: 0.2, maxTokens: 64)
        let official = OpenAIWire.body(for: request, model: "o4-mini", stream: false, officialAPI: true)
        #expect(official["max_completion_tokens"] == 64 && official["max_tokens"] == nil && official["temperature"] == nil)
        let local = OpenAIWire.body(for: request, model: "Qwen/Qwen2.5-7B-Instruct", stream: false)
        #expect(local["max_tokens"] == 64 && local["temperature"] == 0.2)
        #expect(OpenAIWire.isReasoningModel("openai/gpt-5-mini") && !OpenAIWire.isReasoningModel("gpt-4o") && !OpenAIWire.isReasoningModel("o1x"))
    }

    @Test func retryDelaysHonourRetryAfterAndStayWithinBounds() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelaySeconds: 0.5, maxDelaySeconds: 3)
        #expect(policy.delay(beforeRetry: 1, retryAfterSeconds: 2) == 2)
        #expect(policy.delay(beforeRetry: 1, retryAfterSeconds: 60) == 3)
        for retry in 1...6 {
            let ceiling = min(3, 0.5 * Double(1 << (retry - 1)))
            for _ in 0..<20 {
                let delay = policy.delay(beforeRetry: retry, retryAfterSeconds: nil)
                #expect(delay >= ceiling / 2 && delay <= ceiling)
            }
        }
        let date = HTTPResponse(status: 503, headers: ["retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"])
        #expect(date.retryAfterSeconds == 0)   // a date in the past means "now"
        #expect(HTTPResponse(status: 429, headers: ["retry-after": "7"]).retryAfterSeconds == 7)
    }
}
