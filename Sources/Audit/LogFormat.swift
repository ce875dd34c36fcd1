import FSContext
import SharedValues
import Foundation

/// The log formats the importer reads.
public enum LogFormat: String, Sendable, Codable, CaseIterable {
    /// Claude Code's session JSONL (`~/.claude/projects/<project>/<session>.jsonl`, `agent-*.jsonl`).
    case claudeCode = "claude-code"
    /// Codex's rollout JSONL (`~/.codex/sessions/…/rollout-*.jsonl`).
    case codexRollout = "codex-rollout"
    /// The event stream of `codex exec --json`.
    case codexExec = "codex-exec"
    /// alexzhang13/rlm's `RLMLogger` JSONL.
    case rlm
    /// A SWE-agent `.traj` file.
    case sweAgent = "swe-agent"
    /// A mini-swe-agent trajectory (`trajectory_format: mini-swe-agent-1`).
    case miniSWEAgent = "mini-swe-agent"
    /// An OpenAI chat-completions transcript: a `messages` array (JSON, or JSONL one message a line).
    case openAIChat = "openai-chat"

    /// Which format `text` is in, from its content: the first few records decide.
    public static func detect(_ text: String) -> LogFormat? {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("[") || (trimmed.hasPrefix("{") && JSONValue(parsing: String(trimmed)) != nil) {
            if let whole = JSONValue(parsing: String(trimmed)) { return detectWhole(whole) }
        }
        var seen = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(40) {
            guard let record = JSONValue(parsing: String(line)), record.objectValue != nil else { continue }
            seen += 1
            if let format = detectLine(record) { return format }
            if seen >= 20 { break }
        }
        return nil
    }

    static func detectWhole(_ value: JSONValue) -> LogFormat? {
        if value["trajectory"]?.arrayValue != nil, value["info"] != nil || value["history"] != nil { return .sweAgent }
        if value["trajectory_format"]?.stringValue?.hasPrefix("mini-swe-agent") == true { return .miniSWEAgent }
        if value["messages"]?.arrayValue != nil, value["info"]?["exit_status"] != nil || value["info"]?["mini_version"] != nil {
            return .miniSWEAgent
        }
        if let messages = value["messages"]?.arrayValue ?? value.arrayValue, messages.contains(where: { $0["role"] != nil }) {
            return .openAIChat
        }
        return nil
    }

    static func detectLine(_ record: JSONValue) -> LogFormat? {
        let type = record["type"]?.stringValue ?? ""
        if record["sessionId"] != nil || record["leafUuid"] != nil || type == "file-history-snapshot"
            || (record["uuid"] != nil && ["user", "assistant", "system", "progress"].contains(type)) {
            return .claudeCode
        }
        if record["payload"] != nil, ["session_meta", "response_item", "event_msg", "turn_context", "compacted"].contains(type) {
            return .codexRollout
        }
        if type.hasPrefix("thread.") || type.hasPrefix("turn.") || type.hasPrefix("item.") { return .codexExec }
        if type == "metadata", record["root_model"] != nil { return .rlm }
        if type == "iteration", record["code_blocks"] != nil { return .rlm }
        if record["role"] != nil, record["content"] != nil || record["tool_calls"] != nil { return .openAIChat }
        return nil
    }

    /// Reads `text` (from the files `sources`) in this format.
    public func read(_ text: String, sources: [String]) throws -> ImportedSession {
        switch self {
        case .claudeCode: return ClaudeCodeReader(sources: sources).read([text])
        case .codexRollout: return CodexRolloutReader().read(text, sources: sources)
        case .codexExec: return CodexExecReader().read(text, sources: sources)
        case .rlm: return RLMLogReader().read(text, sources: sources)
        case .sweAgent: return try SWEAgentReader().read(text, sources: sources)
        case .miniSWEAgent: return try MiniSWEAgentReader().read(text, sources: sources)
        case .openAIChat: return try OpenAIChatReader().read(text, sources: sources)
        }
    }
}

/// The records of a JSONL text with their 1-based line numbers; lines that are not JSON
/// objects are counted as unread.
struct JSONLines {
    var records: [(line: Int, value: JSONValue)] = []
    var unread = UnreadLines()

    init(_ text: String) {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if let value = JSONValue(parsing: trimmed), value.objectValue != nil {
                records.append((number, value))
            } else {
                unread.note(line: number, text: trimmed)
            }
        }
    }
}

/// Timestamps as logs write them: ISO 8601 (with or without fractions) or seconds.
enum LogTime {
    static func seconds(_ value: JSONValue?) -> Double? {
        if let number = value?.numberValue { return number > 1e12 ? number / 1000 : number }
        guard let text = value?.stringValue else { return nil }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date.timeIntervalSince1970 }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date.timeIntervalSince1970 }
        // Python's isoformat() without a zone: read as UTC.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        }
        return nil
    }
}

extension JSONValue {
    /// The text of a message content: a string, or the `text` parts of an array of blocks.
    var contentText: String {
        if let text = stringValue { return text }
        if let parts = arrayValue {
            return parts.compactMap { $0["text"]?.stringValue ?? $0.stringValue }.joined(separator: "\n")
        }
        return ""
    }
}
