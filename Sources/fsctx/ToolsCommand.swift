import ArgumentParser
import FSContext
import Foundation
import Shell

/// `fsctx tools`: the Shell's function tools and their JSON schemas.
struct ToolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools", abstract: "List the Shell's tools; --json prints their JSON schemas (function calling, MCP).")

    @Flag(help: "Print the JSON schemas.")
    var json = false

    @Flag(name: .customLong("sub-calls"), help: "Describe the tools for a session with model sub-calls (llm, rlm, llm_query); by default as fsctx mcp offers them, without.")
    var subCalls = false

    func run() throws {
        let tools = ToolCatalog.tools(subCalls: subCalls)
        if json {
            print(JSONValue.array(tools.map(\.json)).prettyText)
        } else {
            for tool in tools { print("\(tool.name)\t\(tool.description)") }
        }
    }
}

extension JSONValue {
    /// Indented JSON with sorted keys.
    var prettyText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "null"
    }
}
