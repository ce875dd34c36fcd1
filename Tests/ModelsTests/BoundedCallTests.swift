import SharedValues
import Foundation
import Testing
@testable import Models

/// Calls to a one-slot local server: an abandoned request is not retried onto it, the
/// server's tokenizer is found and remembered, windows come from the known-model table.
@Suite struct BoundedCallTests {
    func model(_ server: LoopbackServer, streaming: Bool = false, timeouts: HTTPTimeouts, name: String = "gemma-3-270m") throws -> OpenAICompatibleModel {
        try OpenAICompatibleModel(model: name, baseURL: server.baseURL + "/v1", apiKey: nil,
                                  client: HTTPClient(timeouts: timeouts, retry: RetryPolicy(maxAttempts: 4, baseDelaySeconds: 0.01)),
                                  streaming: streaming)
    }

    @Test func aTimedOutPlainCallIsNotRetriedOntoTheBusyServer() async throws {
        // The server got the request and is still generating: a retry would queue behind it.
        let server = try LoopbackServer { _, _ in .stall(seconds: 3) }
        let error = await #expect(throws: ModelError.self) {
            try await model(server, timeouts: HTTPTimeouts(connect: 1, total: 0.5, idle: 0.2)).complete(OpenAICompatibleModelTests.request)
        }
        #expect(error?.code == .timeout)
        #expect(error?.isRetryable == false)
        #expect(error?.message.contains("not retried") == true)
        #expect(server.requests.count == 1)
    }

    @Test func theOneSlotServerSeesTheAbandonedRequestOnlyOnce() async throws {
        let server = try LoopbackServer.llamaCpp(generationSeconds: 1.5)
        let error = await #expect(throws: ModelError.self) {
            try await model(server, timeouts: HTTPTimeouts(connect: 1, total: 0.5, idle: 0.2)).complete(OpenAICompatibleModelTests.request)
        }
        #expect(error?.code == .timeout)
        try await Task.sleep(nanoseconds: 1_600_000_000)   // the slot finishes the abandoned generation
        #expect(server.requests.filter { $0.path == "/v1/chat/completions" }.count == 1)
    }

    @Test func theIdleLimitAppliesToStreamsOnlyAndACutStreamIsRetried() async throws {
        // A plain reply is silent until it is ready: 0.6 s of silence is fine with idle 0.2.
        let slow = try LoopbackServer { _, _ in .delayedJSON(seconds: 0.6, body: OpenAICompatibleModelTests.reply()) }
        let response = try await model(slow, timeouts: HTTPTimeouts(connect: 1, total: 5, idle: 0.2)).complete(OpenAICompatibleModelTests.request)
        #expect(response.text.hasPrefix("4"))
        // A stream that stalls is cut and retried: the server stops generating when the client goes.
        let stalled = try LoopbackServer { _, index in
            index == 0 ? .stall(seconds: 3, sendHeaders: true) : .sse(events: OpenAICompatibleModelTests.streamEvents)
        }
        let streamed = try await model(stalled, streaming: true, timeouts: HTTPTimeouts(connect: 1, total: 5, idle: 0.3))
            .complete(OpenAICompatibleModelTests.request)
        #expect(streamed.text == "Let me look.")
        #expect(stalled.requests.count == 2)
    }

    @Test func countsWithTheServersTokenizerAndRemembersTheRoute() async throws {
        let llamaCppPython = try LoopbackServer.llamaCpp()
        let model = try model(llamaCppPython, timeouts: HTTPTimeouts())
        let request = OpenAICompatibleModelTests.request
        let first = await model.countPromptTokens(request)
        let second = await model.countPromptTokens(request)
        #expect(first == second && (first ?? 0) > 5)
        let paths = llamaCppPython.requests.map(\.path)
        #expect(paths == ["/tokenize", "/extras/tokenize/count", "/extras/tokenize/count"])

        let openAI = try LoopbackServer { _, _ in .json(status: 404, body: #"{"error":{"message":"not found"}}"#) }
        let remote = try self.model(openAI, timeouts: HTTPTimeouts(), name: "gpt-4o-mini")
        #expect(await remote.countPromptTokens(request) == nil)
        #expect(await remote.countPromptTokens(request) == nil)
        #expect(openAI.requests.count == 2)   // asked once per route, then never again
        #expect(remote.contextWindowTokens == 128_000)
        #expect(model.contextWindowTokens == 32_768)
        #expect(request.estimatedPromptTokens > 0)
    }

    @Test func knownWindowsMatchLikePrices() {
        #expect(ContextWindows.tokens(for: "gpt-4o-mini-2024-07-18") == 128_000)
        #expect(ContextWindows.tokens(for: "anthropic/claude-sonnet-4.5") == 200_000)
        #expect(ContextWindows.tokens(for: "my-llama") == nil)
    }
}
