import MCP
import Shell

extension ToolDefinition {
    /// The tool as MCP lists it: the same name, description and JSON Schema as
    /// `fsctx tools --json`, with `readOnlyHint` true for the tools that only read. No tool
    /// reaches outside the corpus (`openWorldHint` false) and none destroys anything.
    public var mcpTool: Tool {
        Tool(
            name: name, description: description, inputSchema: parameters.mcpValue,
            annotations: Tool.Annotations(
                readOnlyHint: readOnly, destructiveHint: readOnly ? nil : false,
                idempotentHint: readOnly ? true : nil, openWorldHint: false))
    }
}
