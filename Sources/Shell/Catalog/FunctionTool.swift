import FSContext

/// One function tool declared once: what models and MCP clients see (`definition`) and the Shell
/// program a well-formed call stands for (`program`, given arguments already checked against the
/// schema: required ones present, each of its declared type).
struct FunctionTool: Sendable {
    /// The arguments of one checked call.
    struct Call {
        /// The arguments object.
        let arguments: [String: JSONValue]
        /// The string argument `key`, if given.
        func string(_ key: String) -> String? { arguments[key]?.stringValue }
    }

    /// The definition models see.
    let definition: ToolDefinition
    /// The program for a checked call, or why the call cannot run.
    let program: @Sendable (Call) -> Result<String, ShellError>

    /// Creates a tool from its name, description, parameter schema (name → (JSON type, description)),
    /// required parameters and the program maker.
    init(name: String, description: String, parameters: [String: (String, String)], required: [String], readOnly: Bool,
         program: @escaping @Sendable (Call) -> Result<String, ShellError>) {
        definition = ToolDefinition(name: name, description: description,
                                    parameters: ToolCatalog.schema(parameters, required: required), readOnly: readOnly)
        self.program = program
    }
}
