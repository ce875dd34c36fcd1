import SharedValues

/// A function tool offered to the model: a name, what it does, and a JSON Schema for its
/// arguments (an `object` schema, as OpenAI and Anthropic expect).
public struct ToolSchema: Sendable, Codable, Hashable {
    /// The function name, e.g. `sh` or `answer`.
    public var name: String
    /// What the tool does, for the model.
    public var description: String
    /// JSON Schema of the arguments object.
    public var parameters: JSONValue

    /// Creates a tool schema.
    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}
