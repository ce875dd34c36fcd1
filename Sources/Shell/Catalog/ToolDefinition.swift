import FSContext

/// One function tool as models and MCP clients see it: a name, a description and a JSON
/// Schema for its arguments.
public struct ToolDefinition: Sendable, Hashable {
    /// The tool name (`sh`, `grep`, `read`, `ls`, `find`, `answer`).
    public let name: String
    /// What the tool does, for the model.
    public let description: String
    /// The JSON Schema of the arguments object.
    public let parameters: JSONValue
    /// Whether the tool only reads (everything but `sh`, which may write scratch files, and `answer`).
    public let readOnly: Bool

    /// Creates a definition.
    public init(name: String, description: String, parameters: JSONValue, readOnly: Bool) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.readOnly = readOnly
    }

    /// The definition as one JSON object: `{"name", "description", "parameters", "readOnly"}`.
    public var json: JSONValue {
        ["name": .string(name), "description": .string(description), "parameters": parameters, "readOnly": .bool(readOnly)]
    }
}
