import FSContext
import SharedValues
import Foundation

/// Reads a SWE-agent `.traj` file: `trajectory` (action, observation, response, thought,
/// execution time), `history` (the messages, for the task and tool-call ids) and `info`
/// (submission, exit status, model stats).
struct SWEAgentReader {
    func read(_ text: String, sources: [String]) throws -> ImportedSession {
        guard let value = JSONValue(parsing: text) else { throw AuditError(.badInput, "\(sources.first ?? "the log") is not valid JSON") }
        var session = ImportedSession(format: .sweAgent, sources: sources)
        let history = value["history"]?.arrayValue ?? []
        session.question = history.first { $0["role"]?.stringValue == "user" }?["content"]?.contentText ?? ""
        if let config = value["replay_config"]?.stringValue.flatMap(JSONValue.init(parsing:)) ?? value["replay_config"] {
            session.model = config["agent"]?["model"]?["name"]?.stringValue ?? config["agent"]?["model"]?["model_name"]?.stringValue
        }
        let callIDs = history.filter { $0["role"]?.stringValue == "assistant" }
            .map { $0["tool_calls"]?.arrayValue?.first?["id"]?.stringValue }
        var events: [ImportedEvent] = []
        for (index, step) in (value["trajectory"]?.arrayValue ?? []).enumerated() {
            guard step.objectValue != nil else {
                session.unread.note(line: index + 1, text: step.jsonText)
                continue
            }
            let action = step["action"]?.stringValue ?? ""
            let id = (index < callIDs.count ? callIDs[index] : nil) ?? "step-\(index + 1)"
            let call = ImportedCall(id: id, name: "bash", input: ["command": .string(action)])
            events.append(.turn(ImportedTurn(text: step["response"]?.stringValue ?? step["thought"]?.stringValue ?? "",
                                             thinking: step["thought"]?.stringValue, toolCalls: action.isEmpty ? [] : [call],
                                             model: session.model, line: index + 1)))
            if !action.isEmpty {
                events.append(.tool(ImportedToolCall(call: call, output: step["observation"]?.stringValue ?? "",
                                                     durationSeconds: step["execution_time"]?.numberValue, line: index + 1, resultLine: index + 1)))
            }
        }
        session.root.events = events
        let info = value["info"] ?? [:]
        session.answer = info["submission"]?.stringValue
        if let status = info["exit_status"]?.stringValue {
            session.metadata["exit_status"] = .string(status)
            session.ending = status.hasPrefix("submitted") ? .answered : status.contains("error") ? .error : .noAnswer
        }
        if let stats = info["model_stats"] {
            session.usage = ImportedUsage(promptTokens: stats["tokens_sent"]?.intValue ?? 0, completionTokens: stats["tokens_received"]?.intValue ?? 0,
                                          costUSD: stats["instance_cost"]?.numberValue, calls: stats["api_calls"]?.intValue ?? 0)
        }
        if let environment = value["environment"]?.stringValue { session.metadata["environment"] = .string(environment) }
        return session
    }
}

/// Reads a mini-swe-agent trajectory: `messages` (the assistant writes one ```bash block a
/// turn; the next user message holds `<returncode>` and `<output>`) and `info`.
struct MiniSWEAgentReader {
    func read(_ text: String, sources: [String]) throws -> ImportedSession {
        guard let value = JSONValue(parsing: text) else { throw AuditError(.badInput, "\(sources.first ?? "the log") is not valid JSON") }
        var session = ImportedSession(format: .miniSWEAgent, sources: sources)
        let info = value["info"] ?? [:]
        session.model = info["config"]?["model"]?["model_name"]?.stringValue
        var events: [ImportedEvent] = []
        var open: ImportedCall?
        var openIndex = 0
        for (index, message) in (value["messages"]?.arrayValue ?? []).enumerated() {
            let content = message["content"]?.contentText ?? ""
            switch message["role"]?.stringValue ?? "" {
            case "system": break
            case "user":
                if let call = open {
                    let code = content.firstMatch(of: /<returncode>(-?\d+)<\/returncode>/).flatMap { Int($0.1) }
                    let output = content.firstMatch(of: /<output>\n?([\s\S]*?)<\/output>/).map { String($0.1) } ?? content
                    events.append(.tool(ImportedToolCall(call: call, output: output, isError: (code ?? 0) != 0, exitStatus: code,
                                                         line: openIndex + 1, resultLine: index + 1)))
                    open = nil
                } else if session.question.isEmpty {
                    session.question = content
                } else {
                    events.append(.note(ImportedNote(kind: "user", text: content, line: index + 1)))
                }
            case "assistant":
                let command = content.firstMatch(of: /```(?:bash|sh)\n([\s\S]*?)\n```/).map { String($0.1) }
                let call = command.map { ImportedCall(id: "step-\(index + 1)", name: "bash", input: ["command": .string($0)]) }
                let usage = message["extra"]?["response"]?["usage"].map {
                    ImportedUsage(promptTokens: $0["prompt_tokens"]?.intValue ?? 0, completionTokens: $0["completion_tokens"]?.intValue ?? 0, calls: 1)
                }
                events.append(.turn(ImportedTurn(text: content, toolCalls: call.map { [$0] } ?? [], model: session.model, usage: usage, line: index + 1)))
                open = call
                openIndex = index
            default:
                session.unread.note(line: index + 1, text: message.jsonText)
            }
        }
        if let call = open {
            events.append(.tool(ImportedToolCall(call: call, output: nil, isError: true, line: openIndex + 1)))
            events.append(.note(ImportedNote(kind: "missing_result", text: "no observation was logged for the last command", line: openIndex + 1)))
        }
        session.root.events = events
        session.answer = info["submission"]?.stringValue
        if let status = info["exit_status"]?.stringValue {
            session.metadata["exit_status"] = .string(status)
            session.ending = status == "Submitted" || status == "submitted" ? .answered : .noAnswer
        }
        if let stats = info["model_stats"] {
            session.usage = ImportedUsage(costUSD: stats["instance_cost"]?.numberValue, calls: stats["api_calls"]?.intValue ?? 0)
        }
        if let version = info["mini_version"] { session.metadata["mini_version"] = version }
        return session
    }
}
