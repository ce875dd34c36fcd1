import FSContext
import SharedValues
import Foundation

/// Reads a Codex rollout (`rollout-*.jsonl`: `{timestamp, type, payload}` lines).
///
/// `session_meta` repeats on every resume (noted, not a new session); `function_call`,
/// `custom_tool_call` and `local_shell_call` are linked to their outputs by `call_id`;
/// `token_count` events carry running totals, so each turn gets the difference from the
/// previous total; `compacted` and `turn_aborted` become notes.
struct CodexRolloutReader {
    func read(_ text: String, sources: [String]) -> ImportedSession {
        var session = ImportedSession(format: .codexRollout, sources: sources)
        let lines = JSONLines(text)
        session.unread = lines.unread
        var state = CodexTurnState()
        var previousTotal = ImportedUsage()
        for (number, record) in lines.records {
            let time = LogTime.seconds(record["timestamp"])
            session.see(time: time)
            let payload = record["payload"] ?? [:]
            switch record["type"]?.stringValue ?? "" {
            case "session_meta":
                let id = payload["id"]?.stringValue
                if let known = session.sessionID {
                    state.flush()
                    state.events.append(.note(ImportedNote(kind: "resume", text: "session \(id ?? known) resumed", line: number, time: time)))
                } else {
                    session.sessionID = id
                    for key in ["cwd", "cli_version", "originator", "source", "model_provider"] {
                        if let value = payload[key] { session.metadata[key] = value }
                    }
                    if let git = payload["git"] { session.metadata["git"] = git }
                }
            case "turn_context":
                if let model = payload["model"]?.stringValue {
                    state.model = model
                    if session.model == nil { session.model = model }
                }
            case "response_item":
                if !state.responseItem(payload, line: number, time: time, session: &session) {
                    session.unread.note(line: number, text: record.jsonText)
                }
            case "event_msg":
                switch payload["type"]?.stringValue ?? "" {
                case "token_count":
                    guard let total = payload["info"]?["total_token_usage"], total.objectValue != nil else { break }
                    let now = Self.usage(total)
                    let delta = ImportedUsage(
                        promptTokens: max(0, now.promptTokens - previousTotal.promptTokens),
                        completionTokens: max(0, now.completionTokens - previousTotal.completionTokens),
                        cachedTokens: max(0, now.cachedTokens - previousTotal.cachedTokens), calls: 1)
                    previousTotal = now
                    if delta.promptTokens + delta.completionTokens > 0 { state.attach(delta) }
                case "turn_aborted":
                    state.flush()
                    state.events.append(.note(ImportedNote(kind: "aborted", text: "turn aborted: \(payload["reason"]?.stringValue ?? "unknown")",
                                                           line: number, time: time)))
                    session.ending = .interrupted
                case "exec_command_end":
                    if let id = payload["call_id"]?.stringValue {
                        state.execEnd[id] = (payload["exit_code"]?.intValue, Self.duration(payload["duration"]))
                    }
                case "task_complete":
                    if let last = payload["last_agent_message"]?.stringValue { session.answer = last }
                case "error", "stream_error":
                    state.flush()
                    state.events.append(.note(ImportedNote(kind: "error", text: payload["message"]?.stringValue ?? "", line: number, time: time)))
                default:
                    break  // user_message, agent_message, agent_reasoning…: copies of response items
                }
            case "compacted":
                state.flush()
                state.events.append(.note(ImportedNote(kind: "compaction", text: payload["message"]?.stringValue ?? "conversation compacted",
                                                       line: number, time: time)))
            default:
                session.unread.note(line: number, text: record.jsonText)
            }
        }
        state.finish()
        session.root.events = state.events
        session.question = state.question ?? ""
        if session.answer == nil { session.answer = state.lastText }
        if session.ending == .noAnswer, state.lastText != nil, state.lastTurnAnswered { session.ending = .answered }
        return session
    }

    static func usage(_ value: JSONValue) -> ImportedUsage {
        ImportedUsage(promptTokens: value["input_tokens"]?.intValue ?? 0,
                      completionTokens: value["output_tokens"]?.intValue ?? 0,
                      cachedTokens: value["cached_input_tokens"]?.intValue ?? 0, calls: 1)
    }

    static func duration(_ value: JSONValue?) -> Double? {
        if let number = value?.numberValue { return number }
        if let secs = value?["secs"]?.numberValue { return secs + (value?["nanos"]?.numberValue ?? 0) / 1e9 }
        return nil
    }
}

/// The turn being assembled from Codex items, and the events so far.
struct CodexTurnState {
    var events: [ImportedEvent] = []
    var current: ImportedTurn?
    var model: String?
    var question: String?
    var lastText: String?
    var lastTurnAnswered = false
    var pending: [String: (call: ImportedCall, line: Int, time: Double?)] = [:]
    var pendingOrder: [String] = []
    var execEnd: [String: (Int?, Double?)] = [:]
    var lastTurnIndex: Int?

    mutating func turn(line: Int, time: Double?) -> ImportedTurn {
        current ?? ImportedTurn(text: "", model: model, time: time, line: line)
    }

    mutating func flush() {
        guard let turn = current else { return }
        events.append(.turn(turn))
        lastTurnIndex = events.count - 1
        if !turn.text.isEmpty { lastText = turn.text }
        lastTurnAnswered = turn.toolCalls.isEmpty && !turn.text.isEmpty
        current = nil
    }

    mutating func attach(_ usage: ImportedUsage) {
        if current != nil, current?.usage == nil { current?.usage = usage; return }
        if let index = lastTurnIndex, case .turn(var turn) = events[index], turn.usage == nil {
            turn.usage = usage
            events[index] = .turn(turn)
        }
    }

    /// Handles one `response_item`; false when its type is unknown.
    mutating func responseItem(_ item: JSONValue, line: Int, time: Double?, session: inout ImportedSession) -> Bool {
        switch item["type"]?.stringValue ?? "" {
        case "message":
            let text = item["content"]?.contentText ?? ""
            switch item["role"]?.stringValue {
            case "assistant":
                var turn = self.turn(line: line, time: time)
                turn.text = [turn.text, text].filter { !$0.isEmpty }.joined(separator: "\n")
                current = turn
            case "user":
                flush()
                let wrapper = ["<environment_context>", "<user_instructions>", "# AGENTS.md", "<permissions", "<turn_aborted>"]
                    .contains { text.hasPrefix($0) }
                if question == nil, !wrapper { question = text } else {
                    events.append(.note(ImportedNote(kind: wrapper ? "meta" : "user", text: text, line: line, time: time)))
                }
            default:
                break  // developer/system instructions
            }
        case "reasoning":
            let summary = (item["summary"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
            var turn = self.turn(line: line, time: time)
            if !summary.isEmpty { turn.thinking = [turn.thinking ?? "", summary].filter { !$0.isEmpty }.joined(separator: "\n") }
            current = turn
        case "function_call", "custom_tool_call", "local_shell_call", "tool_search_call":
            let id = item["call_id"]?.stringValue ?? item["id"]?.stringValue ?? "call-\(line)"
            let input: JSONValue
            if let arguments = item["arguments"]?.stringValue { input = JSONValue(parsing: arguments) ?? ["arguments": .string(arguments)] }
            else if let text = item["input"]?.stringValue { input = ["input": .string(text)] }
            else if let action = item["action"] { input = action }
            else { input = item["arguments"] ?? .object([:]) }
            let bare = item["name"]?.stringValue ?? (item["type"]?.stringValue == "local_shell_call" ? "local_shell" : "tool")
            // MCP tools come as a namespace (`mcp__fsctx`) plus a name: `mcp__fsctx__grep`, as Claude Code names them.
            let call = ImportedCall(id: id, name: item["namespace"]?.stringValue.map { "\($0)__\(bare)" } ?? bare, input: input)
            var turn = self.turn(line: line, time: time)
            turn.toolCalls.append(call)
            current = turn
            pending[id] = (call, line, time)
            pendingOrder.append(id)
        case "function_call_output", "custom_tool_call_output", "tool_search_output":
            flush()
            let id = item["call_id"]?.stringValue ?? ""
            let (output, exit, duration) = Self.output(item["output"])
            guard let open = pending.removeValue(forKey: id) else {
                events.append(.note(ImportedNote(kind: "orphan_result", text: "a result for unknown call \(id)", line: line, time: time)))
                return true
            }
            pendingOrder.removeAll { $0 == id }
            let ended = execEnd[id]
            let status = exit ?? ended?.0
            events.append(.tool(ImportedToolCall(
                call: open.call, output: output, isError: (status ?? 0) != 0, exitStatus: status, startedAt: open.time,
                durationSeconds: duration ?? ended?.1 ?? bothTimes(open.time, time).map { max(0, $1 - $0) }, line: open.line, resultLine: line)))
        case "web_search_call":
            flush()
            let call = ImportedCall(id: item["id"]?.stringValue ?? "search-\(line)", name: "web_search", input: item["action"] ?? [:])
            events.append(.tool(ImportedToolCall(call: call, output: item["status"]?.stringValue ?? "", startedAt: time, line: line)))
        default:
            return false
        }
        return true
    }

    mutating func finish() {
        flush()
        for id in pendingOrder {
            guard let open = pending[id] else { continue }
            events.append(.tool(ImportedToolCall(call: open.call, output: nil, isError: true, startedAt: open.time, line: open.line)))
            events.append(.note(ImportedNote(kind: "missing_result", text: "no output was logged for \(open.call.name) call \(id)", line: open.line)))
        }
    }

    /// A function output: JSON `{output, metadata:{exit_code,duration_seconds}}`, the text form
    /// `Exit code: N\nWall time: S seconds\nOutput:\n…`, or content items.
    static func output(_ value: JSONValue?) -> (String, Int?, Double?) {
        if let text = value?.stringValue {
            if let object = JSONValue(parsing: text), let output = object["output"]?.stringValue {
                return (output, object["metadata"]?["exit_code"]?.intValue, object["metadata"]?["duration_seconds"]?.numberValue)
            }
            if let match = text.firstMatch(of: /^Exit code: (-?\d+)\nWall time: ([0-9.]+) seconds\n(?:Total output lines: \d+\n)?Output:\n/) {
                return (String(text[match.range.upperBound...]), Int(match.1), Double(match.2))
            }
            return (text, nil, nil)
        }
        if let content = value?["content"] { return (content.contentText, nil, nil) }
        if let parts = value?.arrayValue { return (JSONValue.array(parts).contentText, nil, nil) }
        return (value?.jsonText ?? "", nil, nil)
    }
}
