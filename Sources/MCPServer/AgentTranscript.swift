import FSContext
import Foundation

/// What a launched agent ran with its own tools rather than fsctx's, read from the CLI's own
/// transcript: Claude Code's session JSONL (`<config>/projects/<cwd with - for every other
/// character>/<session_id>.jsonl`, config = `CLAUDE_CONFIG_DIR` or `~/.claude`) or Codex's
/// rollout (`<CODEX_HOME or ~/.codex>/sessions/YYYY/MM/DD/rollout-…-<thread_id>.jsonl`).
///
/// Deliberately small and self-contained: the log importer of the audit issue (#13) reads these
/// files in full; once it is on main, `outsideCalls` should come from it.
enum AgentTranscript {
    /// One call of the agent's own tool, with what it returned.
    struct OutsideCall: Sendable, Equatable {
        var tool: String
        var input: String
        var output: String
        var isError: Bool
    }

    /// The transcript of the session the agent printed (Claude's `session_id`, Codex's
    /// `thread.started` id), else the newest one written since `startedAt`; nil when none.
    static func locate(agent: AgentKind, stdout: String, workTree: URL, environment: [String: String], startedAt: Date) -> URL? {
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        let objects = stdout.split(whereSeparator: \.isNewline).compactMap { JSONValue(parsing: String($0))?.objectValue }
            + [JSONValue(parsing: stdout)?.objectValue].compactMap { $0 }
        switch agent {
        case .claude:
            let config = environment["CLAUDE_CONFIG_DIR"].map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent(".claude")
            let project = String(workTree.standardizedFileURL.path.map { $0.isLetter || $0.isNumber ? $0 : "-" })
            let folder = config.appendingPathComponent("projects").appendingPathComponent(project)
            if let session = objects.lazy.compactMap({ $0["session_id"]?.stringValue }).last {
                let file = folder.appendingPathComponent("\(session).jsonl")
                if FileManager.default.fileExists(atPath: file.path) { return file }
                return newestFile(in: config.appendingPathComponent("projects"), since: startedAt) { $0 == "\(session).jsonl" }
            }
            return newestFile(in: folder, since: startedAt) { $0.hasSuffix(".jsonl") }
        case .codex:
            let sessions = (environment["CODEX_HOME"].map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent(".codex"))
                .appendingPathComponent("sessions")
            let thread = objects.first { $0["type"]?.stringValue == "thread.started" }?["thread_id"]?.stringValue
            return newestFile(in: sessions, since: startedAt) { name in
                name.hasPrefix("rollout-") && name.hasSuffix(thread.map { "-\($0).jsonl" } ?? ".jsonl")
            }
        case .other:
            return nil
        }
    }

    /// The calls in `transcript` of tools that are not the fsctx server's.
    static func outsideCalls(agent: AgentKind, transcript: URL) -> [OutsideCall] {
        guard let text = try? String(contentsOf: transcript, encoding: .utf8) else { return [] }
        let lines = text.split(whereSeparator: \.isNewline).compactMap { JSONValue(parsing: String($0)) }
        switch agent {
        case .claude: return claudeCalls(lines)
        case .codex: return codexCalls(lines)
        case .other: return []
        }
    }

    static func claudeCalls(_ lines: [JSONValue]) -> [OutsideCall] {
        var order: [String] = [], calls: [String: OutsideCall] = [:]
        for line in lines {
            guard let blocks = line["message"]?["content"]?.arrayValue else { continue }
            for block in blocks {
                switch (line["type"]?.stringValue, block["type"]?.stringValue) {
                case ("assistant", "tool_use"):
                    guard let id = block["id"]?.stringValue, let name = block["name"]?.stringValue,
                          !name.hasPrefix("mcp__\(AgentLauncher.serverName)__"), calls[id] == nil else { continue }
                    order.append(id)
                    calls[id] = OutsideCall(tool: name, input: block["input"]?.jsonText ?? "{}", output: "", isError: false)
                case ("user", "tool_result"):
                    guard let id = block["tool_use_id"]?.stringValue, calls[id] != nil else { continue }
                    calls[id]?.output = text(of: block["content"])
                    calls[id]?.isError = block["is_error"]?.boolValue ?? false
                default:
                    continue
                }
            }
        }
        return order.compactMap { calls[$0] }
    }

    static func codexCalls(_ lines: [JSONValue]) -> [OutsideCall] {
        var order: [String] = [], calls: [String: OutsideCall] = [:]
        for line in lines where line["type"]?.stringValue == "response_item" {
            guard let item = line["payload"], let id = item["call_id"]?.stringValue else { continue }
            switch item["type"]?.stringValue {
            case "function_call", "custom_tool_call":
                guard item["namespace"]?.stringValue != "mcp__\(AgentLauncher.serverName)", calls[id] == nil,
                      let name = item["name"]?.stringValue else { continue }
                order.append(id)
                let input = item["arguments"]?.stringValue ?? item["input"]?.stringValue ?? "{}"
                calls[id] = OutsideCall(tool: name, input: input, output: "", isError: false)
            case "function_call_output", "custom_tool_call_output":
                guard calls[id] != nil else { continue }
                calls[id]?.output = text(of: item["output"])
            default:
                continue
            }
        }
        return order.compactMap { calls[$0] }
    }

    /// The text of a tool result: a string, or the `text` of each block (others by type).
    static func text(of content: JSONValue?) -> String {
        switch content {
        case .string(let text): return text
        case .array(let blocks):
            return blocks.map { block in
                block["text"]?.stringValue ?? block["tool_name"]?.stringValue.map { "tool_reference: \($0)" }
                    ?? block.jsonText
            }.joined(separator: "\n")
        case .object(let object): return object["content"].map { text(of: $0) } ?? JSONValue.object(object).jsonText
        default: return ""
        }
    }

    /// The most recently modified file under `folder` (recursively) whose name passes `matches`
    /// and that was modified at or after `since` (less a second for coarse clocks).
    static func newestFile(in folder: URL, since: Date, matching matches: (String) -> Bool) -> URL? {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey]) else {
            return nil
        }
        var best: (URL, Date)?
        for case let file as URL in walker where matches(file.lastPathComponent) {
            guard let modified = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate,
                  modified >= since.addingTimeInterval(-1) else { continue }
            if best.map({ modified > $0.1 }) ?? true { best = (file, modified) }
        }
        return best?.0
    }
}
