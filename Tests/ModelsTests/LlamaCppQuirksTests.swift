import SharedValues
import Foundation
import Testing
@testable import Models

/// The client against the llama.cpp fake (`LoopbackServer.llamaCpp`), which plays back what the
/// real llama-cpp-python server did in the integration tests.
@Suite struct LlamaCppQuirksTests {
    func model(_ server: LoopbackServer, streaming: Bool) throws -> OpenAICompatibleModel {
        try OpenAICompatibleModel(model: "gemma-3-270m", baseURL: server.baseURL + "/v1", apiKey: nil,
                                  client: HTTPClient(timeouts: HTTPTimeouts(connect: 2, total: 10, idle: 5),
                                                     retry: RetryPolicy(maxAttempts: 2, baseDelaySeconds: 0.01)),
                                  streaming: streaming)
    }

    static let request = ModelRequest(messages: [.user("Question: who kept the light?")], maxTokens: 40)

    @Test(arguments: [false, true])
    func aRamblingReplyStopsAtMaxTokensAndSaysLength(streaming: Bool) async throws {
        let server = try LoopbackServer.llamaCpp()
        let response = try await model(server, streaming: streaming).complete(Self.request)
        #expect(response.finishReason == .length)
        #expect(response.text.hasPrefix("the lighthouse the lighthouse"))
        #expect(response.usage.completionTokens > 0 && response.usage.completionTokens <= 40)
        #expect(response.usage.promptTokens > 0)
        #expect(server.requests.first?.json?["max_tokens"] == 40)
    }

    @Test(arguments: [false, true])
    func nullContentAndArgumentsAsAnObjectOrAString(streaming: Bool) async throws {
        let server = try LoopbackServer.llamaCpp { _, index in
            .toolCall(name: "sh", arguments: ["program": "ls", "confidence": 40], asObject: index == 0)
        }
        let model = try model(server, streaming: streaming)
        for _ in 0..<2 {
            let response = try await model.complete(Self.request)
            #expect(response.text.isEmpty)
            #expect(response.toolCalls.first?.stringArgument("program") == "ls")
            #expect(response.finishReason == .toolCalls)
            #expect(response.confidence == 40)
        }
    }

    @Test(arguments: [false, true])
    func unknownOrMissingFinishReasonsAndEmptyReplies(streaming: Bool) async throws {
        let server = try LoopbackServer.llamaCpp { _, index in
            switch index {
            case 0: .text("Edith Marrow\nConfidence: 70", finish: "eos")
            case 1: .text("Edith", finish: nil)
            default: .empty
            }
        }
        let model = try model(server, streaming: streaming)
        let eos = try await model.complete(Self.request)
        #expect(eos.finishReason == .other && eos.confidence == 70)
        let missing = try await model.complete(Self.request)
        #expect(missing.finishReason == .stop && missing.text == "Edith" || missing.text == "Edith ")
        let empty = try await model.complete(Self.request)
        #expect(empty.text.trimmingCharacters(in: .whitespaces).isEmpty && empty.toolCalls.isEmpty)
    }
}
