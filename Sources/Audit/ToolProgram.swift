import FSContext
import SharedValues
import Foundation

/// How an imported tool call reads as a step: its program text and the command names it ran
/// (for the `Fsctx-Tool` trailer, as fsctx's own program steps list theirs).
enum ToolProgram {
    static let shellTools: Set<String> = ["bash", "shell", "local_shell", "exec_command", "shell_command", "container.exec", "run_shell_command"]

    /// The shell command of a shell-like call, or nil.
    static func command(_ call: ImportedCall) -> String? {
        guard shellTools.contains(call.name.lowercased()) else { return nil }
        let value = call.input["command"] ?? call.input["cmd"]
        if let text = value?.stringValue { return text }
        if let parts = value?.arrayValue?.compactMap(\.stringValue), !parts.isEmpty {
            if parts.count >= 3, ["-lc", "-c"].contains(parts[1]) { return parts[2...].joined(separator: " ") }
            return parts.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        }
        return nil
    }

    /// The program text of a call.
    static func render(_ call: ImportedCall) -> String {
        if let command = command(call) { return command }
        switch call.name {
        case "Read":
            var text = "Read " + (call.input["file_path"]?.stringValue ?? "")
            if let offset = call.input["offset"]?.intValue { text += " --offset \(offset)" }
            if let limit = call.input["limit"]?.intValue { text += " --limit \(limit)" }
            return text
        case "repl":
            return call.input["code"]?.stringValue ?? ""
        case "apply_patch":
            return call.input["input"]?.stringValue ?? "apply_patch " + (call.input["changes"]?.jsonText ?? "")
        default:
            let arguments = call.input.objectValue?.isEmpty == true ? "" : " " + call.input.jsonText
            return call.name + arguments
        }
    }

    /// The command names a call ran: each pipeline stage's first word for shell commands,
    /// else the tool's name in lower case.
    static func tools(_ call: ImportedCall) -> [String] {
        guard let command = command(call) else { return [call.name.lowercased()] }
        var names: [String] = []
        for stage in command.split(whereSeparator: { "|;&\n".contains($0) }) {
            let words = stage.split(separator: " ").map(String.init).drop { $0.contains("=") && !$0.hasPrefix("-") }
            if let first = words.first, first.first?.isLetter == true || first.first == "." || first.first == "/" {
                names.append(String(first.split(separator: "/").last ?? Substring(first)))
            }
        }
        return names.isEmpty ? ["shell"] : names
    }

    /// Paths a call names: `file_path`/`path`/`filename`/`notebook_path` arguments, and the
    /// words of a shell command that are not options.
    static func namedPaths(_ call: ImportedCall) -> [String] {
        var paths: [String] = []
        for key in ["file_path", "path", "filename", "notebook_path", "file"] {
            if let path = call.input[key]?.stringValue { paths.append(path) }
        }
        if let command = command(call) {
            for word in command.split(whereSeparator: { " \t\n|;&<>()".contains($0) }) {
                let cleaned = word.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                if cleaned.isEmpty || cleaned.hasPrefix("-") { continue }
                if let colon = cleaned.firstIndex(of: ":"), cleaned[cleaned.index(after: colon)...].allSatisfy(\.isNumber) {
                    paths.append(String(cleaned[..<colon]))
                } else {
                    paths.append(cleaned)
                }
            }
        }
        return paths
    }
}

extension ToolProgram {
    /// One line of at most 72 characters, as commit messages of steps are written.
    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return flat.count <= 72 ? flat : String(flat.prefix(71)) + "…"
    }
}
