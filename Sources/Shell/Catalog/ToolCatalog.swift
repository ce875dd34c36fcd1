import FSContext

/// The Shell's function tools (for models with function calling and for MCP) and the mapping
/// from a tool call to a Shell program.
public enum ToolCatalog {
    /// Every function tool, in a stable order, described for a session with model sub-calls.
    public static let tools: [ToolDefinition] = tools(subCalls: true)

    /// The function tools; without `subCalls` the descriptions do not advertise `llm`, `rlm`
    /// or Python's `llm_query`/`rlm_query` (a session without a model cannot make them).
    public static func tools(subCalls: Bool) -> [ToolDefinition] { [
        ToolDefinition(
            name: "sh",
            description: "Run a program in a small bash-like language over the read-only corpus: pipes, ;, &&, ||, "
                + "quotes, globs, variables, for/while loops, if, $( ), $(( )) arithmetic, [[ ]], here-documents, "
                + "> and >> into scratch/ only. Commands: "
                + Builtins.names.filter { subCalls || !["llm", "rlm"].contains($0) }.joined(separator: ", ") + ".",
            parameters: schema(["program": ("string", "The program, e.g. grep -rn 'magic' docs | head -20")], required: ["program"]),
            readOnly: false),
        ToolDefinition(
            name: "python",
            description: "Run Python 3 code in your persistent interpreter (variables, imports and functions persist "
                + "between calls), sandboxed at the corpus root (CORPUS; read-only, write to scratch/, no network). "
                + "Print what you want to see; the last expression's value is shown. "
                + (subCalls ? "Sub-calls: llm_query(prompt, context=None) -> str, llm_query_batched(prompts, context=None) -> "
                    + "list[str] (parallel), rlm_query(question, files=None) -> str. " : "")
                + "answer(text, confidence=None) sets the final answer.",
            parameters: schema(["code": ("string", "Python code, e.g. import glob\nprint(len(glob.glob('docs/*')))")], required: ["code"]),
            readOnly: false),
        ToolDefinition(
            name: "grep",
            description: "Search files for a regex (GNU grep semantics, recursive). Prints path:line:text.",
            parameters: schema([
                "pattern": ("string", "The regular expression (basic regex unless flags has -E, -F or -P)"),
                "path": ("string", "File or folder to search, relative to the corpus root (default .)"),
                "flags": ("string", "Extra grep flags, e.g. \"-i -w -C 2 -m 5\""),
            ], required: ["pattern"]),
            readOnly: true),
        ToolDefinition(
            name: "read",
            description: "Print a file with line numbers, optionally only lines start..end.",
            parameters: schema([
                "path": ("string", "File relative to the corpus root"),
                "start": ("integer", "First line (1-based)"),
                "end": ("integer", "Last line (inclusive)"),
            ], required: ["path"]),
            readOnly: true),
        ToolDefinition(
            name: "ls",
            description: "List a folder of the corpus (folders end with /).",
            parameters: schema(["path": ("string", "Folder relative to the corpus root (default .)")], required: []),
            readOnly: true),
        ToolDefinition(
            name: "find",
            description: "Find files or folders by name glob and type.",
            parameters: schema([
                "path": ("string", "Folder to search (default .)"),
                "name": ("string", "Name glob, e.g. *.txt"),
                "type": ("string", "f for files, d for folders"),
            ], required: []),
            readOnly: true),
        ToolDefinition(
            name: "answer",
            description: "Give the final answer and end the run.",
            parameters: schema([
                "answer": ("string", "The final answer"),
                "confidence": ("number", "Your confidence in (0, 100]"),
            ], required: ["answer"]),
            readOnly: false),
    ] }

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
        guard let tool = tools.first(where: { $0.name == name }) else {
            return .failure(ShellError(.badInput, "unknown tool '\(name)' (available: \(tools.map(\.name).joined(separator: ", ")))"))
        }
        guard let args = arguments.objectValue ?? (arguments == .null ? [:] : nil) else {
            return .failure(ShellError(.badInput, "\(name): arguments must be a JSON object"))
        }
        let properties = tool.parameters["properties"]?.objectValue ?? [:]
        for required in tool.parameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where args[required] == nil {
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
        let string = { (key: String) in args[key]?.stringValue }
        switch name {
        case "sh":
            return .success(string("program")!)
        case "python":
            return .success(pythonProgram(string("code")!))
        case "grep":
            let flags = string("flags") ?? ""
            if flags.contains(where: { ";|&$`()<>\n".contains($0) }) {
                return .failure(ShellError(.badInput, "grep: flags may hold only grep options, e.g. \"-i -w -C 2\""))
            }
            return .success("grep -rnH \(flags) -e \(quote(string("pattern")!)) -- \(quote(string("path") ?? "."))")
        case "read":
            var program = "read \(quote(string("path")!))"
            if let start = args["start"]?.intValue { program += " \(start)" + (args["end"]?.intValue).map { " \($0)" }.orEmpty }
            else if let end = args["end"]?.intValue { program += " 1 \(end)" }
            return .success(program)
        case "ls":
            return .success("ls \(quote(string("path") ?? "."))")
        case "find":
            var program = "find \(quote(string("path") ?? "."))"
            if let type = string("type") { program += " -type \(quote(type))" }
            if let glob = string("name") { program += " -name \(quote(glob))" }
            return .success(program)
        default:
            var program = "answer"
            if let confidence = args["confidence"]?.numberValue { program += " --confidence \(confidence)" }
            return .success(program + " -- \(quote(string("answer")!))")
        }
    }

    /// The Shell program that runs `code` in the agent's Python REPL: a quoted here-document
    /// whose delimiter does not occur in the code.
    public static func pythonProgram(_ code: String) -> String {
        var delimiter = "FSCTX_PYTHON_END"
        while code.contains(delimiter) { delimiter += "_" }
        return "python <<'\(delimiter)'\n\(code)\(code.hasSuffix("\n") ? "" : "\n")\(delimiter)"
    }

    /// Quotes `text` as one Shell word.
    public static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func schema(_ properties: [String: (String, String)], required: [String]) -> JSONValue {
        .object([
            "type": "object",
            "properties": .object(properties.mapValues { .object(["type": .string($0.0), "description": .string($0.1)]) }),
            "required": .array(required.map { .string($0) }),
        ])
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
