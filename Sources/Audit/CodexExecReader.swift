import FSContext
import SharedValues
import Foundation

/// Reads the event stream of `codex exec --json` (`thread.started`, `turn.*`, `item.*`).
/// Items are taken when completed; a turn's usage (`turn.completed`) goes on its last model turn.
struct CodexExecReader {
    func read(_ text: String, sources: [String]) -> ImportedSession {
        var session = ImportedSession(format: .codexExec, sources: sources)
        let lines = JSONLines(text)
        session.unread = lines.unread
        var events: [ImportedEvent] = []
        var current: ImportedTurn?
        var lastTurnIndex: Int?
        var lastText: String?
        func flush() {
            guard let turn = current else { return }
            events.append(.turn(turn))
            lastTurnIndex = events.count - 1
            current = nil
        }
        for (number, record) in lines.records {
            switch record["type"]?.stringValue ?? "" {
            case "thread.started": session.sessionID = record["thread_id"]?.stringValue
            case "turn.started": flush()
            case "item.started", "item.updated": break  // the completed item carries everything
            case "item.completed":
                let item = record["item"] ?? [:]
                let id = item["id"]?.stringValue ?? "item-\(number)"
                switch item["type"]?.stringValue ?? "" {
                case "agent_message":
                    var turn = current ?? ImportedTurn(text: "", line: number)
                    turn.text = [turn.text, item["text"]?.stringValue ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
                    current = turn
                    lastText = item["text"]?.stringValue
                case "reasoning":
                    var turn = current ?? ImportedTurn(text: "", line: number)
                    turn.thinking = [turn.thinking ?? "", item["text"]?.stringValue ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
                    current = turn
                case "command_execution":
                    let call = ImportedCall(id: id, name: "shell", input: ["command": item["command"] ?? ""])
                    var turn = current ?? ImportedTurn(text: "", line: number)
                    turn.toolCalls.append(call)
                    current = turn
                    flush()
                    let exit = item["exit_code"]?.intValue
                    events.append(.tool(ImportedToolCall(call: call, output: item["aggregated_output"]?.stringValue ?? "",
                                                         isError: (exit ?? 0) != 0 || item["status"]?.stringValue == "failed",
                                                         exitStatus: exit, line: number, resultLine: number)))
                case "file_change":
                    let changes = item["changes"]?.arrayValue ?? []
                    let call = ImportedCall(id: id, name: "apply_patch", input: ["changes": .array(changes)])
                    flush()
                    events.append(.tool(ImportedToolCall(
                        call: call, output: changes.map { "\($0["kind"]?.stringValue ?? "change") \($0["path"]?.stringValue ?? "")" }
                            .joined(separator: "\n"), isError: item["status"]?.stringValue == "failed", line: number, resultLine: number)))
                case "mcp_tool_call":
                    let name = "\(item["server"]?.stringValue ?? "mcp").\(item["tool"]?.stringValue ?? "tool")"
                    let call = ImportedCall(id: id, name: name, input: item["arguments"] ?? [:])
                    flush()
                    let error = item["error"]?["message"]?.stringValue
                    events.append(.tool(ImportedToolCall(
                        call: call, output: error ?? item["result"]?["content"]?.contentText ?? item["result"]?.jsonText ?? "",
                        isError: error != nil || item["status"]?.stringValue == "failed", line: number, resultLine: number)))
                case "web_search":
                    flush()
                    events.append(.tool(ImportedToolCall(call: ImportedCall(id: id, name: "web_search", input: ["query": item["query"] ?? ""]),
                                                         output: "", line: number, resultLine: number)))
                case "todo_list":
                    events.append(.note(ImportedNote(kind: "todo", text: (item["items"]?.arrayValue ?? [])
                        .map { ($0["completed"]?.boolValue == true ? "[x] " : "[ ] ") + ($0["text"]?.stringValue ?? "") }.joined(separator: "\n"),
                        line: number)))
                case "error":
                    events.append(.note(ImportedNote(kind: "error", text: item["message"]?.stringValue ?? "", line: number)))
                default:
                    session.unread.note(line: number, text: record.jsonText)
                }
            case "turn.completed":
                flush()
                let usage = CodexRolloutReader.usage(record["usage"] ?? [:])
                if let index = lastTurnIndex, case .turn(var turn) = events[index], turn.usage == nil {
                    turn.usage = usage
                    events[index] = .turn(turn)
                } else {
                    session.usage += usage
                }
            case "turn.failed":
                flush()
                events.append(.note(ImportedNote(kind: "error", text: record["error"]?["message"]?.stringValue ?? "turn failed", line: number)))
                session.ending = .error
            case "error":
                events.append(.note(ImportedNote(kind: "error", text: record["message"]?.stringValue ?? "", line: number)))
            default:
                session.unread.note(line: number, text: record.jsonText)
            }
        }
        flush()
        session.root.events = events
        session.answer = lastText
        if session.ending == .noAnswer, lastText != nil { session.ending = .answered }
        return session
    }
}
