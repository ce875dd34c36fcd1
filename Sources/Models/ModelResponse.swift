/// What the model returned for one request.
public struct ModelResponse: Sendable, Codable, Hashable {
    /// The assistant's text (may be empty when it only calls tools).
    public var text: String
    /// Tool calls, in order. A call with invalid JSON arguments is kept (see `ToolCall`).
    public var toolCalls: [ToolCall]
    /// Tokens and cost of this call.
    public var usage: TokenUsage
    /// Why the model stopped.
    public var finishReason: FinishReason
    /// Wall time of the call in seconds, including retries.
    public var latencySeconds: Double
    /// Verbalized confidence ν in (0, 100], when the model stated one (see `VerbalizedConfidence`).
    public var confidence: Double?
    /// The model that answered, as the provider named it (may differ from the requested name).
    public var model: String
    /// How the usage was obtained when the server did not report it (nil: the server's figures).
    public var usageNote: String?

    /// Creates a response.
    public init(text: String, toolCalls: [ToolCall] = [], usage: TokenUsage, finishReason: FinishReason,
                latencySeconds: Double, confidence: Double? = nil, model: String) {
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
        self.finishReason = finishReason
        self.latencySeconds = latencySeconds
        self.confidence = confidence
        self.model = model
    }

    /// The response as an assistant message, to append to the conversation.
    public var message: ChatMessage { .assistant(text, toolCalls: toolCalls) }
}
