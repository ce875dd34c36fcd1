import Foundation
import Testing
@testable import Models

/// The Anthropic messages wire format over real HTTP against the loopback server.
@Suite struct AnthropicModelTests {
    static let key = "sk-ant-test-SECRET-abcdef987654"

    func model(_ server: LoopbackServer, streaming: Bool = false) throws -> AnthropicModel {
        try AnthropicModel(model: "claude-sonnet-4-5", baseURL: server.baseURL, apiKey: Self.key,
                           client: HTTPClient(timeouts: HTTPTimeouts(connect: 2, total: 5, idle: 5),
                                              retry: RetryPolicy(maxAttempts: 3, baseDelaySeconds: 0.01)),
                           streaming: streaming)
    }

    static let conversation = ModelRequest(
        messages: [.system("Use tools."), .user("Question: list files"),
                   .assistant("", toolCalls: [ToolCall(id: "toolu_1", name: "sh", argumentsText: #"{"program":"ls"}"#),
                                              ToolCall(id: "toolu_2", name: "sh", argumentsText: #"{"program":"#)]),
                   .tool(callID: "toolu_1", content: "a.txt"), .tool(callID: "toolu_2", content: "error: bad JSON")],
        tools: [ToolSchema(name: "sh", description: "run", parameters: ["type": "object"])], maxTokens: 100, stop: ["END"])

    @Test func sendsMessagesWithToolUseAndDecodesTheReply() async throws {
        let server = try LoopbackServer { _, _ in
            .json(status: 200, body: #"{"id":"msg_1","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"Answer."},{"type":"tool_use","id":"toolu_3","name":"answer","input":{"answer":"a.txt","confidence":85}}],"stop_reason":"tool_use","usage":{"input_tokens":2000,"output_tokens":100}}"#)
        }
        let response = try await model(server).complete(Self.conversation)
        #expect(response.text == "Answer.")
        #expect(response.toolCalls.first?.name == "answer" && response.toolCalls.first?.stringArgument("answer") == "a.txt")
        #expect(response.confidence == 85)
        #expect(response.finishReason == .toolCalls)
        #expect(abs((response.usage.costUSD ?? -1) - (2000 * 3.0 + 100 * 15.0) / 1_000_000) < 1e-12)
        let sent = try #require(server.requests.first)
        #expect(sent.path == "/v1/messages")
        #expect(sent.headers["x-api-key"] == Self.key && sent.headers["anthropic-version"] == "2023-06-01")
        let body = try #require(sent.json)
        #expect(body["system"] == "Use tools." && body["max_tokens"] == 100 && body["stop_sequences"] == ["END"])
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages.count == 3)   // user, assistant, one user turn holding both tool results
        #expect(messages[1]["content"]?.arrayValue?.first?["input"] == ["program": "ls"])
        #expect(messages[2]["content"]?.arrayValue?.map { $0["tool_use_id"] } == ["toolu_1", "toolu_2"])
        #expect(body["tools"]?.arrayValue?.first?["input_schema"] == ["type": "object"])
    }

    static let events: [(event: String?, data: String)] = [
        ("message_start", #"{"type":"message_start","message":{"model":"claude-sonnet-4-5","usage":{"input_tokens":40,"output_tokens":1}}}"#),
        ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}"#),
        ("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_7","name":"sh","input":{}}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"program\": "}}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"ls\"}"}}"#),
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":22}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
    ]

    @Test func assemblesAStreamAndDetectsACut() async throws {
        let server = try LoopbackServer { _, index in .sse(events: Self.events, cutAfter: index == 0 ? 4 : nil) }
        let response = try await model(server, streaming: true).complete(Self.conversation)
        #expect(response.text == "Hi")
        #expect(response.toolCalls == [ToolCall(id: "toolu_7", name: "sh", argumentsText: #"{"program": "ls"}"#)])
        #expect(response.usage.promptTokens == 40 && response.usage.completionTokens == 22)
        #expect(server.requests.count == 2)   // the first stream was cut and retried
    }

    @Test func unauthorizedNamesTheAnthropicKey() async throws {
        let server = try LoopbackServer { _, _ in .json(status: 401, body: #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#) }
        let error = await #expect(throws: ModelError.self) { try await model(server).complete(Self.conversation) }
        #expect(error?.message.hasPrefix("401 from 127.0.0.1:\(server.port): check ANTHROPIC_API_KEY") == true)
        #expect(server.requests.count == 1)
    }
}
