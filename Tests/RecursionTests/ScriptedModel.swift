import FSContext
import Foundation
import Models

/// A fake model for tests: answers each request with what `script` returns for it.
struct ScriptedModel: LanguageModel {
    var name = "scripted"
    let contextWindowTokens = 100_000
    let script: @Sendable (ModelRequest) throws -> ModelResponse

    func complete(_ request: ModelRequest) async throws -> ModelResponse {
        try Task.checkCancellation()
        return try script(request)
    }

    /// A response that calls `sh` with `program`.
    static func sh(_ program: String, id: String = "call_1", confidence: Double? = 60) -> ModelResponse {
        ModelResponse(text: "", toolCalls: [ToolCall(id: id, name: "sh", arguments: ["program": .string(program)])],
                      usage: TokenUsage(promptTokens: 100, completionTokens: 10, costUSD: nil), finishReason: .toolCalls,
                      latencySeconds: 0, confidence: confidence, model: "scripted")
    }

    /// A plain text response.
    static func text(_ text: String) -> ModelResponse {
        ModelResponse(text: text, usage: TokenUsage(promptTokens: 50, completionTokens: 5, costUSD: nil), finishReason: .stop,
                      latencySeconds: 0, model: "scripted")
    }

    /// How many assistant turns the conversation already has.
    static func turn(_ request: ModelRequest) -> Int { request.messages.filter { $0.role == .assistant }.count + 1 }
}
