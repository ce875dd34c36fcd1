import SharedValues

/// A tool call made by the model. `argumentsText` is the raw JSON text as the model wrote it
/// (kept verbatim, even when it is not valid JSON); `arguments` is the parsed value when it is
/// a valid JSON value, else nil — a malformed call is a value for the caller to report back
/// to the model, not an error.
public struct ToolCall: Sendable, Codable, Hashable {
    /// The provider's call id (echoed in the `.tool` result message).
    public var id: String
    /// The function name.
    public var name: String
    /// The arguments as raw JSON text, exactly as the model produced them.
    public var argumentsText: String

    /// Creates a tool call from raw argument text.
    public init(id: String, name: String, argumentsText: String) {
        self.id = id
        self.name = name
        self.argumentsText = argumentsText
    }

    /// Creates a tool call from a JSON value (encoded compactly with sorted keys).
    public init(id: String, name: String, arguments: JSONValue) {
        self.init(id: id, name: name, argumentsText: arguments.jsonText)
    }

    /// The parsed arguments, or nil when `argumentsText` is not valid JSON.
    public var arguments: JSONValue? { JSONValue(parsing: argumentsText) }

    /// The string member `key` of the arguments object, when the arguments parse and have it.
    public func stringArgument(_ key: String) -> String? { arguments?[key]?.stringValue }
}
