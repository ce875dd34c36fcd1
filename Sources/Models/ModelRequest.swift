/// One completion request: the conversation, the tools offered, and sampling settings.
public struct ModelRequest: Sendable, Codable, Hashable {
    /// The conversation so far, oldest first (system message(s) first).
    public var messages: [ChatMessage]
    /// Function tools the model may call; empty for a plain completion.
    public var tools: [ToolSchema]
    /// Sampling temperature; nil leaves the provider default.
    public var temperature: Double?
    /// Upper bound on completion tokens; nil leaves the provider default.
    public var maxTokens: Int?
    /// Sampling seed (providers that support it; `OfflineModel` varies its plan by it).
    public var seed: Int?
    /// Stop sequences.
    public var stop: [String]

    /// Creates a request.
    public init(messages: [ChatMessage], tools: [ToolSchema] = [], temperature: Double? = nil,
                maxTokens: Int? = nil, seed: Int? = nil, stop: [String] = []) {
        self.messages = messages
        self.tools = tools
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.seed = seed
        self.stop = stop
    }

    /// The tool offered under `name`, if any.
    public func tool(named name: String) -> ToolSchema? { tools.first { $0.name == name } }
}
