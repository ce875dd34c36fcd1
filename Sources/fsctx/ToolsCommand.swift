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

    func run() throws {
        if json {
            print(ToolCatalog.json.prettyText)
        } else {
            for tool in ToolCatalog.tools { print("\(tool.name)\t\(tool.description)") }
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
