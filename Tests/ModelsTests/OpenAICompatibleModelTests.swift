import SharedValues
import Foundation
import Testing
@testable import Models

/// The OpenAI wire format over real HTTP (libcurl ↔ the loopback server), with injected faults.
@Suite struct OpenAICompatibleModelTests {
    static let key = "sk-test-SECRET-0123456789abcdef"
    static let fastRetry = RetryPolicy(maxAttempts: 3, baseDelaySeconds: 0.01, maxDelaySeconds: 2)
    static let request = ModelRequest(messages: [.system("Be brief."), .user("Question: what is 2+2?")],
                                      tools: [ToolSchema(name: "sh", description: "run", parameters: ["type": "object"])],
                                      temperature: 0, maxTokens: 50, seed: 7, stop: ["END"])

    static func reply(content: String? = "4\nConfidence: 90", toolArguments: String? = nil) -> String {
        let calls = toolArguments.map { args in
            #","tool_calls":[{"id":"call_1","type":"function","function":{"name":"sh","arguments":\#(JSONValue.string(args).jsonText)}}]"#
        } ?? ""
        let text = content.map { JSONValue.string($0).jsonText } ?? "null"
        return #"{"id":"x","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":\#(text)\#(calls)},"finish_reason":"\#(toolArguments == nil ? "stop" : "tool_calls")"}],"usage":{"prompt_tokens":1000,"completion_tokens":200,"completion_tokens_details":{"reasoning_tokens":50}}}"#
    }

    func model(_ server: LoopbackServer, streaming: Bool = false, retry: RetryPolicy = fastRetry,
               timeouts: HTTPTimeouts = HTTPTimeouts(connect: 2, total: 5, idle: 5), name: String = "gpt-4o-mini") throws -> OpenAICompatibleModel {
        try OpenAICompatibleModel(model: name, baseURL: server.baseURL + "/v1", apiKey: Self.key,
                                  client: HTTPClient(timeouts: timeouts, retry: retry), streaming: streaming)
    }

    @Test func sendsTheWireFormatAndDecodesTheReply() async throws {
        let server = try LoopbackServer { _, _ in .json(status: 200, body: Self.reply()) }
        let response = try await model(server).complete(Self.request)
        #expect(response.text == "4\nConfidence: 90")
        #expect(response.confidence == 90)
        #expect(response.finishReason == .stop)
        #expect(response.usage.promptTokens == 1000 && response.usage.completionTokens == 200 && response.usage.reasoningTokens == 50)
        #expect(abs((response.usage.costUSD ?? -1) - (1000 * 0.15 + 200 * 0.6) / 1_000_000) < 1e-12)
        #expect(response.latencySeconds > 0)
        let sent = try #require(server.requests.first)
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.headers["authorization"] == "Bearer \(Self.key)")
        let body = try #require(sent.json)
        #expect(body["model"] == "gpt-4o-mini")
        #expect(body["seed"] == 7 && body["max_tokens"] == 50 && body["temperature"] == 0)
        #expect(body["stop"] == ["END"])
        #expect(body["messages"]?.arrayValue?.count == 2)
        #expect(body["tools"]?.arrayValue?.first?["function"]?["name"] == "sh")
    }

    @Test func roundTripsToolCallsAndKeepsInvalidArguments() async throws {
        let server = try LoopbackServer { _, index in
            .json(status: 200, body: Self.reply(content: nil, toolArguments: index == 0 ? #"{"program": "ls"}"# : #"{"program": "ls"#))
        }
        let model = try model(server)
        let first = try await model.complete(Self.request)
        #expect(first.finishReason == .toolCalls)
        #expect(first.toolCalls.first?.stringArgument("program") == "ls")
        var next = Self.request
        next.messages += [first.message, .tool(callID: first.toolCalls[0].id, content: "a.txt")]
        let second = try await model.complete(next)
        #expect(second.toolCalls.first?.argumentsText == #"{"program": "ls"#)
        #expect(second.toolCalls.first?.arguments == nil)
        let sent = try #require(server.requests.last?.json?["messages"]?.arrayValue)
        #expect(sent[2]["tool_calls"]?.arrayValue?.first?["function"]?["arguments"] == #"{"program": "ls"}"#)
        #expect(sent[3]["role"] == "tool" && sent[3]["tool_call_id"] == "call_1")
    }

    @Test func honoursRetryAfterOn429() async throws {
        let server = try LoopbackServer { _, index in
            index == 0 ? .json(status: 429, body: #"{"error":{"message":"slow down"}}"#, headers: ["Retry-After": "1"])
                       : .json(status: 200, body: Self.reply())
        }
        let started = Date()
        let response = try await model(server).complete(Self.request)
        #expect(response.text.hasPrefix("4"))
        #expect(server.requests.count == 2)
        #expect(Date().timeIntervalSince(started) >= 0.95)
    }

    @Test func retries5xxThenGivesUpWithAClearError() async throws {
        let flaky = try LoopbackServer { _, index in index < 2 ? .json(status: 500, body: "oops") : .json(status: 200, body: Self.reply()) }
        _ = try await model(flaky).complete(Self.request)
        #expect(flaky.requests.count == 3)

        let broken = try LoopbackServer { _, _ in .json(status: 503, body: #"{"error":{"message":"overloaded"}}"#) }
        let error = await #expect(throws: ModelError.self) { try await model(broken).complete(Self.request) }
        #expect(error?.code == .serverError && error?.httpStatus == 503)
        #expect(error?.message.contains("overloaded") == true && error?.message.contains("after 3 attempts") == true)
        #expect(broken.requests.count == 3)
    }

    @Test func doesNotRetry401AndNamesTheKeyToCheck() async throws {
        let server = try LoopbackServer { request, _ in
            .json(status: 401, body: #"{"error":{"message":"Incorrect API key provided: \#(request.headers["authorization"] ?? "")"}}"#)
        }
        let error = await #expect(throws: ModelError.self) { try await model(server).complete(Self.request) }
        #expect(error?.code == .unauthorized)
        #expect(error?.message.hasPrefix("401 from 127.0.0.1:\(server.port): check OPENAI_API_KEY") == true)
        #expect(error?.message.contains(Self.key) == false)
        #expect(error?.message.contains("[redacted]") == true)
        #expect(server.requests.count == 1)
        let bad = try LoopbackServer { _, _ in .json(status: 400, body: #"{"error":{"message":"bad tool schema"}}"#) }
        let badError = await #expect(throws: ModelError.self) { try await model(bad).complete(Self.request) }
        #expect(badError?.code == .badRequest && bad.requests.count == 1)
    }

    @Test func timesOutOnASlowReply() async throws {
        let server = try LoopbackServer { _, _ in .stall(seconds: 30) }
        let started = Date()
        let error = await #expect(throws: ModelError.self) {
            try await model(server, retry: RetryPolicy(maxAttempts: 1), timeouts: HTTPTimeouts(connect: 1, total: 0.5, idle: 10)).complete(Self.request)
        }
        #expect(error?.code == .timeout)
        // The reply stalls for 30 s: well under that means the 0.5 s timeout fired (the slack
        // is for a loaded machine running the whole suite in parallel).
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func idleTimeoutFiresOnAStalledStream() async throws {
        let server = try LoopbackServer { _, _ in .stall(seconds: 30, sendHeaders: true) }
        let started = Date()
        let error = await #expect(throws: ModelError.self) {
            try await model(server, streaming: true, retry: RetryPolicy(maxAttempts: 1), timeouts: HTTPTimeouts(connect: 1, total: 10, idle: 0.3)).complete(Self.request)
        }
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("idle") == true)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    static let streamEvents: [(event: String?, data: String)] = [
        (nil, #"{"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":"Let me "}}]}"#),
        (nil, #"{"choices":[{"index":0,"delta":{"content":"look."}}]}"#),
        (nil, #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"sh","arguments":"{\"prog"}}]}}]}"#),
        (nil, #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ram\": \"ls\"}"}}]}}]}"#),
        (nil, #"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#),
        (nil, #"{"choices":[],"usage":{"prompt_tokens":30,"completion_tokens":12}}"#),
        (nil, "[DONE]"),
    ]

    @Test func assemblesAStreamedReply() async throws {
        let server = try LoopbackServer { _, _ in .sse(events: Self.streamEvents, delay: 0.01) }
        let response = try await model(server, streaming: true).complete(Self.request)
        #expect(response.text == "Let me look.")
        #expect(response.toolCalls == [ToolCall(id: "call_9", name: "sh", argumentsText: #"{"program": "ls"}"#)])
        #expect(response.finishReason == .toolCalls)
        #expect(response.usage.promptTokens == 30 && response.usage.completionTokens == 12)
        #expect(server.requests.first?.json?["stream"] == true)
    }

    @Test func aStreamCutMidwayIsANetworkErrorAndIsRetried() async throws {
        let server = try LoopbackServer { _, index in .sse(events: Self.streamEvents, cutAfter: index == 0 ? 3 : nil) }
        let response = try await model(server, streaming: true).complete(Self.request)
        #expect(response.text == "Let me look.")
        #expect(server.requests.count == 2)

        let alwaysCut = try LoopbackServer { _, _ in .sse(events: Self.streamEvents, cutAfter: 2) }
        let error = await #expect(throws: ModelError.self) { try await model(alwaysCut, streaming: true).complete(Self.request) }
        #expect(error?.code == .network)
        #expect(error?.message.contains("ended before [DONE]") == true)
    }

    @Test func malformedJSONIsABadResponseNotRetried() async throws {
        let server = try LoopbackServer { _, _ in .json(status: 200, body: #"{"choices": [ {"message": "#) }
        let error = await #expect(throws: ModelError.self) { try await model(server).complete(Self.request) }
        #expect(error?.code == .badResponse)
        #expect(server.requests.count == 1)
    }

    @Test func cancellationAbortsTheTransfer() async throws {
        let server = try LoopbackServer { _, _ in .stall(seconds: 30, sendHeaders: true) }
        let model = try model(server, streaming: true)
        let started = Date()
        let task = Task { try await model.complete(Self.request) }
        try await Task.sleep(nanoseconds: 200_000_000)
        task.cancel()
        let result = await task.result
        #expect(throws: ModelError.self) { try result.get() }
        if case .failure(let error as ModelError) = result { #expect(error.code == .cancelled) }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func connectionRefusedIsANetworkError() async throws {
        let server = try LoopbackServer { _, _ in .json(status: 200, body: "{}") }
        let url = server.baseURL
        server.stop()
        let model = try OpenAICompatibleModel(model: "m", baseURL: url, apiKey: nil,
                                              client: HTTPClient(timeouts: HTTPTimeouts(connect: 1, total: 2, idle: 2), retry: RetryPolicy(maxAttempts: 2, baseDelaySeconds: 0.01)))
        let error = await #expect(throws: ModelError.self) { try await model.complete(Self.request) }
        #expect(error?.code == .network)
        #expect(error?.message.contains("check the base URL") == true)
    }

    @Test func unknownModelCostIsUnknownNotZero() async throws {
        let server = try LoopbackServer { _, _ in
            .json(status: 200, body: Self.reply().replacingOccurrences(of: "gpt-4o-mini-2024-07-18", with: "my-local-llama"))
        }
        let response = try await model(server, name: "my-local-llama").complete(Self.request)
        #expect(response.usage.costUSD == nil)
        #expect((response.usage + TokenUsage(costUSD: 0.5)).costUSD == nil)
        #expect(response.usage.costDescription == "unknown")
    }
}

extension OpenAICompatibleModelTests {
    @Test func consecutiveCallsReuseTheConnection() async throws {
        let server = try LoopbackServer(keepAlive: true) { _, _ in .json(status: 200, body: Self.reply()) }
        let model = try model(server)
        for _ in 0..<4 { _ = try await model.complete(Self.request) }
        #expect(server.requests.count == 4)
        #expect(server.connectionCount < 4)
    }
}
