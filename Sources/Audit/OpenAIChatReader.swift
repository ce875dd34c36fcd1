import FSContext
import SharedValues
import Foundation

/// Reads a generic OpenAI chat-completions transcript: a JSON array of messages, an object
/// with `messages`, or JSONL with one message a line. Assistant `tool_calls` are linked to
/// `tool` messages by `tool_call_id`.
struct OpenAIChatReader {
    func read(_ text: String, sources: [String]) throws -> ImportedSession {
        var session = ImportedSession(format: .openAIChat, sources: sources)
        var messages: [(Int, JSONValue)] = []
        if let whole = JSONValue(parsing: text) {
            let list = whole["messages"]?.arrayValue ?? whole.arrayValue ?? []
            messages = list.enumerated().map { ($0.offset + 1, $0.element) }
            session.model = whole["model"]?.stringValue
        } else {
            let lines = JSONLines(text)
            session.unread = lines.unread
            messages = lines.records.map { ($0.line, $0.value) }
        }
        var events: [ImportedEvent] = []
        var pending: [String: (ImportedCall, Int)] = [:]
        var order: [String] = []
        var lastText: String?
        for (number, message) in messages {
            let content = message["content"]?.contentText ?? ""
            switch message["role"]?.stringValue ?? "" {
            case "system", "developer": session.metadata["system_prompt"] = .string(content)
            case "user":
                if session.question.isEmpty { session.question = content } else {
                    events.append(.note(ImportedNote(kind: "user", text: content, line: number)))
                }
            case "assistant":
                var calls: [ImportedCall] = []
                for call in message["tool_calls"]?.arrayValue ?? [] {
                    let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
                    let imported = ImportedCall(id: call["id"]?.stringValue ?? "call-\(number)-\(calls.count)",
                                                name: call["function"]?["name"]?.stringValue ?? "tool",
                                                input: JSONValue(parsing: arguments) ?? ["arguments": .string(arguments)])
                    calls.append(imported)
                    pending[imported.id] = (imported, number)
                    order.append(imported.id)
                }
                if let legacy = message["function_call"] {
                    let arguments = legacy["arguments"]?.stringValue ?? "{}"
                    let imported = ImportedCall(id: "function-\(number)", name: legacy["name"]?.stringValue ?? "function",
                                                input: JSONValue(parsing: arguments) ?? ["arguments": .string(arguments)])
                    calls.append(imported)
                    pending[imported.name] = (imported, number)
                    order.append(imported.name)
                }
                let usage = message["usage"].map {
                    ImportedUsage(promptTokens: $0["prompt_tokens"]?.intValue ?? 0, completionTokens: $0["completion_tokens"]?.intValue ?? 0, calls: 1)
                }
                events.append(.turn(ImportedTurn(text: content, toolCalls: calls, model: session.model, usage: usage, line: number)))
                if !content.isEmpty { lastText = content }
            case "tool", "function":
                let id = message["tool_call_id"]?.stringValue ?? message["name"]?.stringValue ?? ""
                guard let (call, line) = pending.removeValue(forKey: id) else {
                    session.unread.note(line: number, text: message.jsonText)
                    continue
                }
                order.removeAll { $0 == id }
                events.append(.tool(ImportedToolCall(call: call, output: content, line: line, resultLine: number)))
            default:
                session.unread.note(line: number, text: message.jsonText)
            }
        }
        for id in order {
            guard let (call, line) = pending[id] else { continue }
            events.append(.tool(ImportedToolCall(call: call, output: nil, isError: true, line: line)))
        }
        session.root.events = events
        session.answer = lastText
        if case .turn(let turn)? = events.last, turn.toolCalls.isEmpty, !turn.text.isEmpty { session.ending = .answered }
        return session
    }
}
