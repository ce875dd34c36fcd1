import FSContext

/// The Shell's function tools (for models with function calling and for MCP) and the mapping
/// from a tool call to a Shell program.
public enum ToolCatalog {
    /// Every function tool, in a stable order.
    public static let tools: [ToolDefinition] = functionTools.map(\.definition)

    /// Each function tool once: its definition and the Shell program a call stands for. Every
    /// tool but `sh` is a builtin of the same name (`ToolCatalogTests` checks it).
    static let functionTools: [FunctionTool] = [
        FunctionTool(
            name: "sh",
            description: "Run a program in a small bash-like language over the read-only corpus: pipes, ;, &&, ||, "
                + "quotes, globs, variables, for/while loops, if, $( ), $(( )) arithmetic, [[ ]], here-documents, "
                + "> and >> into scratch/ only. Commands: "
                + Builtins.names.joined(separator: ", ") + ".",
            parameters: ["program": ("string", "The program, e.g. grep -rn 'magic' docs | head -20")], required: ["program"],
            readOnly: false
        ) { call in .success(call.string("program")!) },
        FunctionTool(
            name: "grep",
            description: "Search files for a regex (GNU grep semantics, recursive). Prints path:line:text.",
            parameters: [
                "pattern": ("string", "The regular expression (basic regex unless flags has -E, -F or -P)"),
                "path": ("string", "File or folder to search, relative to the corpus root (default .)"),
                "flags": ("string", "Extra grep flags, e.g. \"-i -w -C 2 -m 5\""),
            ], required: ["pattern"],
            readOnly: true
        ) { call in
            let flags = call.string("flags") ?? ""
            if flags.contains(where: { ";|&$`()<>\n".contains($0) }) {
                return .failure(ShellError(.badInput, "grep: flags may hold only grep options, e.g. \"-i -w -C 2\""))
            }
            return .success("grep -rnH \(flags) -e \(quote(call.string("pattern")!)) -- \(quote(call.string("path") ?? "."))")
        },
        FunctionTool(
            name: "read",
            description: "Print a file with line numbers, optionally only lines start..end.",
            parameters: [
                "path": ("string", "File relative to the corpus root"),
                "start": ("integer", "First line (1-based)"),
                "end": ("integer", "Last line (inclusive)"),
            ], required: ["path"],
            readOnly: true
        ) { call in
            var program = "read \(quote(call.string("path")!))"
            if let start = call.arguments["start"]?.intValue { program += " \(start)" + (call.arguments["end"]?.intValue).map { " \($0)" }.orEmpty }
            else if let end = call.arguments["end"]?.intValue { program += " 1 \(end)" }
            return .success(program)
        },
        FunctionTool(
            name: "ls",
            description: "List a folder of the corpus (folders end with /).",
            parameters: ["path": ("string", "Folder relative to the corpus root (default .)")], required: [],
            readOnly: true
        ) { call in .success("ls \(quote(call.string("path") ?? "."))") },
        FunctionTool(
            name: "find",
            description: "Find files or folders by name glob and type.",
            parameters: [
                "path": ("string", "Folder to search (default .)"),
                "name": ("string", "Name glob, e.g. *.txt"),
                "type": ("string", "f for files, d for folders"),
            ], required: [],
            readOnly: true
        ) { call in
            var program = "find \(quote(call.string("path") ?? "."))"
            if let type = call.string("type") { program += " -type \(quote(type))" }
            if let glob = call.string("name") { program += " -name \(quote(glob))" }
            return .success(program)
        },
        FunctionTool(
            name: "answer",
            description: "Give the final answer and end the run.",
            parameters: [
                "answer": ("string", "The final answer"),
                "confidence": ("number", "Your confidence in (0, 100]"),
            ], required: ["answer"],
            readOnly: false
        ) { call in
            var program = "answer"
            if let confidence = call.arguments["confidence"]?.numberValue { program += " --confidence \(confidence)" }
            return .success(program + " -- \(quote(call.string("answer")!))")
        },
    ]

    /// The schemas as a JSON array, as `fsctx tools --json` prints it.
    public static var json: JSONValue { .array(tools.map(\.json)) }

    /// Runs a function tool call in `session`. A malformed call (unknown tool, missing or
    /// mistyped argument) returns a result with a one-line message and status 2; never throws.
    public static func call(name: String, arguments: JSONValue, in session: ShellSession) async -> ShellResult {
        switch program(name: name, arguments: arguments) {
        case .success(let program): return await session.run(program)
        case .failure(let error): return ShellResult(output: "fsctx-sh: \(error.message)\n", exitStatus: 2)
        }
    }

    /// The Shell program a function tool call stands for, or why the call is malformed.
    public static func program(name: String, arguments: JSONValue) -> Result<String, ShellError> {
        guard let tool = functionTools.first(where: { $0.definition.name == name }) else {
            return .failure(ShellError(.badInput, "unknown tool '\(name)' (available: \(tools.map(\.name).joined(separator: ", ")))"))
        }
        guard let args = arguments.objectValue ?? (arguments == .null ? [:] : nil) else {
            return .failure(ShellError(.badInput, "\(name): arguments must be a JSON object"))
        }
        let properties = tool.definition.parameters["properties"]?.objectValue ?? [:]
        for required in tool.definition.parameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where args[required] == nil {
            return .failure(ShellError(.badInput, "\(name): missing argument '\(required)'"))
        }
        for (key, value) in args {
            guard let type = properties[key]?["type"]?.stringValue else {
                return .failure(ShellError(.badInput, "\(name): unknown argument '\(key)' (expected: \(properties.keys.sorted().joined(separator: ", ")))"))
            }
            let ok = switch type {
            case "string": value.stringValue != nil
            case "integer": value.intValue != nil
            default: value.numberValue != nil
            }
            if !ok { return .failure(ShellError(.badInput, "\(name): argument '\(key)' must be a \(type)")) }
        }
        return tool.program(FunctionTool.Call(arguments: args))
    }

    /// Quotes `text` as one Shell word.
    public static func quote(_ text: String) -> String { ShellWords.quote(text) }

    /// Every tool also takes the optional `confidence` argument: the model's verbalized
    /// confidence ν (1-100) on this turn, which SRLM scores and every model step records.
    static let confidenceProperty = ("number", "Optional: your confidence (1-100) that your current answer or plan is right")

    static func schema(_ properties: [String: (String, String)], required: [String]) -> JSONValue {
        var properties = properties
        properties["confidence"] = confidenceProperty
        return .object([
            "type": "object",
            "properties": .object(properties.mapValues { .object(["type": .string($0.0), "description": .string($0.1)]) }),
            "required": .array(required.map { .string($0) }),
        ])
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
