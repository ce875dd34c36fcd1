extension ModelResponse {
    /// This response with every occurrence of the `secrets` (API keys) replaced by
    /// `[redacted]` — in the text and in tool-call arguments — so a server that echoes a key
    /// cannot leak it into a recorded run.
    public func redacting(_ secrets: [String]) -> ModelResponse {
        let secrets = secrets.filter { $0.count >= 4 }
        guard !secrets.isEmpty else { return self }
        func clean(_ text: String) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
        }
        var copy = self
        copy.text = clean(text)
        copy.toolCalls = toolCalls.map { ToolCall(id: $0.id, name: $0.name, argumentsText: clean($0.argumentsText)) }
        return copy
    }
}
