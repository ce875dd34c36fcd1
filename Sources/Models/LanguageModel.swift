/// A language model: messages (and tool schemas) in; text, tool calls, usage and a finish
/// reason out. Implementations: `OpenAICompatibleModel`, `AnthropicModel`, `ReplayModel` (answers
/// from a recorded run) here, and `OfflineModel` (the embedded lexical baseline) in `OfflineBaseline`.
///
/// Expected outcomes (a tool call with bad JSON arguments, an empty reply) are values in the
/// `ModelResponse`; transport and configuration failures throw `ModelError`.
public protocol LanguageModel: Sendable {
    /// A stable name for records and price lookup, e.g. `openai:gpt-4o-mini` or `offline`.
    var name: String { get }
    /// How many tokens fit in one request (prompt + completion), for strategies that truncate.
    var contextWindowTokens: Int { get }
    /// Runs one completion. Honours Swift task cancellation.
    func complete(_ request: ModelRequest) async throws -> ModelResponse
    /// The server's count of the prompt tokens of `request`, or nil when it cannot count.
    func countPromptTokens(_ request: ModelRequest) async -> Int?
}

extension LanguageModel {
    /// The server's count of the prompt tokens of `request` (llama.cpp's `/tokenize`), or nil
    /// when the model has no tokenizer to ask; callers then estimate (≈ 4 bytes per token).
    public func countPromptTokens(_ request: ModelRequest) async -> Int? { nil }
}
