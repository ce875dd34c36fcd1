import FSContext
import SharedValues
import Foundation

/// Turns the records of one Claude Code agent (the session, or one sub-agent) into events.
struct AgentBuilder {
    var agent: ImportedAgent
    var groups: SubAgentGroups
    var question: String?
    var lastText: String?
    var model: String?
    var interruptedLast = false
    var lastTurnAnswered = false
    private var turnIndexOfMessage: [String: Int] = [:]
    private var pending: [String: (call: ImportedCall, line: Int, time: Double?)] = [:]
    private var pendingOrder: [String] = []

    init(name: String, groups: SubAgentGroups) {
        agent = ImportedAgent(name: name)
        self.groups = groups
    }

    mutating func take(_ lines: [ClaudeCodeReader.Line], session: inout ImportedSession) {
        for line in lines { take(line, session: &session) }
        closePending()
    }

    /// Calls whose result never came, as steps with no result, where the log gave up on them
    /// (an interrupt, or the end).
    private mutating func closePending() {
        for id in pendingOrder {
            guard let open = pending[id] else { continue }
            agent.events.append(.tool(ImportedToolCall(call: open.call, output: nil, isError: true, startedAt: open.time, line: open.line)))
            agent.events.append(.note(ImportedNote(kind: "missing_result", text: "no result was logged for \(open.call.name) call \(id)", line: open.line)))
        }
        pending = [:]
        pendingOrder = []
    }

    private mutating func take(_ line: ClaudeCodeReader.Line, session: inout ImportedSession) {
        let record = line.value
        let time = LogTime.seconds(record["timestamp"])
        session.see(time: time)
        switch record["type"]?.stringValue ?? "" {
        case "assistant": assistant(record, line: line.number, time: time, session: &session)
        case "user": user(record, line: line.number, time: time, session: &session)
        case "system":
            let subtype = record["subtype"]?.stringValue ?? "system"
            if subtype == "compact_boundary" {
                var fields: [String: JSONValue] = [:]
                if let metadata = record["compactMetadata"]?.objectValue { fields = metadata }
                agent.events.append(.note(ImportedNote(kind: "compaction", text: record["content"]?.stringValue ?? "conversation compacted",
                                                       line: line.number, time: time, fields: fields)))
            } else {
                agent.events.append(.note(ImportedNote(kind: subtype, text: record["content"]?.contentText ?? "", line: line.number, time: time,
                                                       fields: record["level"].map { ["level": $0] } ?? [:])))
            }
        case "summary":
            agent.events.append(.note(ImportedNote(kind: "summary", text: record["summary"]?.stringValue ?? "", line: line.number,
                                                   fields: record["leafUuid"].map { ["leafUuid": $0] } ?? [:])))
        case "progress", "file-history-snapshot", "queue-operation", "custom-title", "tag", "agent-name", "last-prompt",
             "pr-link", "permission-mode", "attachment":
            break  // bookkeeping that is no step (progress of hooks and commands; file backups; queued prompts)
        default:
            session.unread.note(line: line.number, text: record.jsonText)
        }
    }

    private mutating func assistant(_ record: JSONValue, line: Int, time: Double?, session: inout ImportedSession) {
        let message = record["message"] ?? [:]
        let blocks = message["content"]?.arrayValue ?? (message["content"]?.stringValue).map { [["type": "text", "text": .string($0)]] } ?? []
        var text: [String] = [], thinking: [String] = [], calls: [ImportedCall] = []
        for block in blocks {
            switch block["type"]?.stringValue {
            case "text": text.append(block["text"]?.stringValue ?? "")
            case "thinking": thinking.append(block["thinking"]?.stringValue ?? "")
            case "redacted_thinking": thinking.append("[redacted thinking]")
            case "tool_use", "server_tool_use":
                let call = ImportedCall(id: block["id"]?.stringValue ?? "call-\(line)", name: block["name"]?.stringValue ?? "tool",
                                        input: block["input"] ?? .object([:]))
                calls.append(call)
                pending[call.id] = (call, line, time)
                pendingOrder.append(call.id)
            default: break
            }
        }
        let modelName = message["model"]?.stringValue.flatMap { $0 == "<synthetic>" ? nil : $0 }
        if model == nil { model = modelName }
        if session.model == nil { session.model = modelName }
        let usage = Self.usage(message["usage"])
        if let id = message["id"]?.stringValue, let index = turnIndexOfMessage[id], case .turn(var turn) = agent.events[index] {
            // Another line of the same API response: add its blocks; its usage repeats the same count.
            if !text.isEmpty { turn.text = ([turn.text] + text).filter { !$0.isEmpty }.joined(separator: "\n") }
            if !thinking.isEmpty { turn.thinking = ([turn.thinking ?? ""] + thinking).filter { !$0.isEmpty }.joined(separator: "\n") }
            turn.toolCalls += calls
            if let usage { turn.usage = usage }
            turn.stopReason = message["stop_reason"]?.stringValue ?? turn.stopReason
            agent.events[index] = .turn(turn)
        } else {
            var turn = ImportedTurn(text: text.joined(separator: "\n"), thinking: thinking.isEmpty ? nil : thinking.joined(separator: "\n"),
                                    toolCalls: calls, model: modelName, usage: usage, time: time,
                                    messageID: message["id"]?.stringValue, line: line, stopReason: message["stop_reason"]?.stringValue)
            if record["isApiErrorMessage"]?.boolValue == true { turn.stopReason = "api_error" }
            agent.events.append(.turn(turn))
            if let id = message["id"]?.stringValue { turnIndexOfMessage[id] = agent.events.count - 1 }
        }
        if case .turn(let turn) = agent.events[turnIndexOfMessage[message["id"]?.stringValue ?? ""] ?? agent.events.count - 1] {
            if !turn.text.isEmpty { lastText = turn.text }
            lastTurnAnswered = turn.toolCalls.isEmpty && !turn.text.isEmpty
        }
        interruptedLast = false
    }

    private mutating func user(_ record: JSONValue, line: Int, time: Double?, session: inout ImportedSession) {
        let content = record["message"]?["content"]
        if record["isCompactSummary"]?.boolValue == true {
            agent.events.append(.note(ImportedNote(kind: "compaction_summary", text: content?.contentText ?? "", line: line, time: time)))
            return
        }
        let blocks = content?.arrayValue ?? []
        var images: [String] = []
        for block in blocks where block["type"]?.stringValue == "tool_result" {
            result(block, record: record, line: line, time: time, session: &session)
        }
        for block in blocks where block["type"]?.stringValue == "image" {
            images.append(block["source"]?["media_type"]?.stringValue ?? "image")
        }
        let text = content?.stringValue ?? blocks.filter { $0["type"]?.stringValue == "text" }.compactMap { $0["text"]?.stringValue }
            .joined(separator: "\n")
        if !images.isEmpty {
            agent.events.append(.note(ImportedNote(kind: "image", text: "the user sent \(images.count) image(s): \(images.joined(separator: ", "))",
                                                   line: line, time: time)))
        }
        guard !text.isEmpty else { return }
        if text.hasPrefix("[Request interrupted by user") {
            closePending()
            agent.events.append(.note(ImportedNote(kind: "interrupt", text: text, line: line, time: time)))
            interruptedLast = true
            return
        }
        let isMeta = record["isMeta"]?.boolValue == true || text.hasPrefix("<command-") || text.hasPrefix("<local-command-")
            || text.hasPrefix("Caveat: ") || text.hasPrefix("<system-reminder>")
        if question == nil, !isMeta {
            question = text
        } else {
            agent.events.append(.note(ImportedNote(kind: isMeta ? "meta" : "user", text: text, line: line, time: time)))
        }
    }

    private mutating func result(_ block: JSONValue, record: JSONValue, line: Int, time: Double?, session: inout ImportedSession) {
        let id = block["tool_use_id"]?.stringValue ?? ""
        let output: String
        var images: [String] = []
        if let parts = block["content"]?.arrayValue {
            output = parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
            images = parts.filter { $0["type"]?.stringValue == "image" }.map { $0["source"]?["media_type"]?.stringValue ?? "image" }
        } else {
            output = block["content"]?.stringValue ?? ""
        }
        let isError = block["is_error"]?.boolValue == true
        guard let open = pending.removeValue(forKey: id) else {
            agent.events.append(.note(ImportedNote(kind: "orphan_result", text: "a result for unknown call \(id): \(output.prefix(200))",
                                                   line: line, time: time)))
            return
        }
        pendingOrder.removeAll { $0 == id }
        if ["Task", "Agent"].contains(open.call.name) {
            let agentID = record["toolUseResult"]?["agentId"]?.stringValue
            if let lines = groups.claim(callID: id, prompt: open.call.input["prompt"]?.stringValue, agentID: agentID) {
                var child = AgentBuilder(name: groups.nextName(), groups: groups)
                child.groups = groups
                child.take(lines, session: &session)
                groups = child.groups
                agent.events.append(.subAgent(child.agent, callID: id))
            }
        }
        var exit: Int? = isError ? 1 : 0
        if let match = output.firstMatch(of: /^Exit code (\d+)/) { exit = Int(match.1) }
        let duration = (record["toolUseResult"]?["durationMs"]?.numberValue ?? record["toolUseResult"]?["totalDurationMs"]?.numberValue)
            .map { $0 / 1000 } ?? bothTimes(open.time, time).map { max(0, $1 - $0) }
        agent.events.append(.tool(ImportedToolCall(
            call: open.call, output: output, isError: isError, exitStatus: exit, startedAt: open.time, durationSeconds: duration,
            line: open.line, resultLine: line, images: images)))
    }

    static func usage(_ value: JSONValue?) -> ImportedUsage? {
        guard let value, value.objectValue != nil else { return nil }
        let input = value["input_tokens"]?.intValue ?? 0
        let creation = value["cache_creation_input_tokens"]?.intValue ?? 0
        let read = value["cache_read_input_tokens"]?.intValue ?? 0
        return ImportedUsage(promptTokens: input + creation + read, completionTokens: value["output_tokens"]?.intValue ?? 0,
                             cachedTokens: read, calls: 1)
    }
}

func bothTimes(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
