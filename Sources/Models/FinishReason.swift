/// Why the model stopped.
public enum FinishReason: String, Sendable, Codable, Hashable {
    /// A natural end or a stop sequence.
    case stop
    /// The completion hit `maxTokens`.
    case length
    /// The model called one or more tools.
    case toolCalls = "tool_calls"
    /// The provider filtered the content.
    case contentFilter = "content_filter"
    /// Anything else the provider reported.
    case other
}
