import FSContext
import Foundation

/// The final result an agent prints, parsed from its standard output:
/// - Claude Code (`claude -p --output-format json`, or the last line of `stream-json`): one
///   object with `result`, `total_cost_usd`, `num_turns`, `usage`, `is_error`.
/// - Codex (`codex exec --json`): JSON lines; `turn.completed` events carry `usage`, the last
///   `item.completed` of type `agent_message` carries the answer text. Codex prints no cost.
public struct AgentResult: Sendable, Equatable, Codable {
    /// Which format was recognized: `claude` or `codex`.
    public var format: String
    /// The agent's final text, if it printed one.
    public var result: String?
    /// Total cost in US dollars, when the agent reports it.
    public var costUSD: Double?
    /// Model turns, when the agent reports them.
    public var turns: Int?
    /// Input tokens (including cache reads and writes), 0 when not reported.
    public var inputTokens: Int
    /// Output tokens, 0 when not reported.
    public var outputTokens: Int
    /// Whether the agent said it ended in an error.
    public var isError: Bool

    /// Creates a result.
    public init(format: String, result: String?, costUSD: Double?, turns: Int?, inputTokens: Int = 0,
                outputTokens: Int = 0, isError: Bool = false) {
        self.format = format
        self.result = result
        self.costUSD = costUSD
        self.turns = turns
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.isError = isError
    }

    /// Parses what an agent printed on stdout; nil when it printed no result JSON.
    public static func parse(stdout: String) -> AgentResult? {
        let lines = stdout.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let objects = lines.filter { $0.hasPrefix("{") }.compactMap { JSONValue(parsing: $0)?.objectValue }
        if let codex = codex(objects) { return codex }
        let whole = JSONValue(parsing: stdout.trimmingCharacters(in: .whitespacesAndNewlines))?.objectValue
        for object in ([whole].compactMap { $0 } + objects.reversed()) where isClaudeResult(object) {
            return claude(object)
        }
        return nil
    }

    static func isClaudeResult(_ object: [String: JSONValue]) -> Bool {
        object["type"]?.stringValue == "result" || object["total_cost_usd"] != nil || object["num_turns"] != nil
    }

    static func claude(_ object: [String: JSONValue]) -> AgentResult {
        let usage = object["usage"]?.objectValue ?? [:]
        let input = ["input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"]
            .compactMap { usage[$0]?.intValue }.reduce(0, +)
        return AgentResult(
            format: "claude", result: object["result"]?.stringValue, costUSD: object["total_cost_usd"]?.numberValue,
            turns: object["num_turns"]?.intValue, inputTokens: input, outputTokens: usage["output_tokens"]?.intValue ?? 0,
            isError: object["is_error"]?.boolValue ?? (object["subtype"]?.stringValue.map { $0 != "success" } ?? false))
    }

    static func codex(_ objects: [[String: JSONValue]]) -> AgentResult? {
        let turns = objects.filter { $0["type"]?.stringValue == "turn.completed" }
        guard !turns.isEmpty else { return nil }
        let usages = turns.compactMap { $0["usage"]?.objectValue }
        let message = objects.last { $0["type"]?.stringValue == "item.completed" && $0["item"]?["type"]?.stringValue == "agent_message" }
        return AgentResult(
            format: "codex", result: message?["item"]?["text"]?.stringValue, costUSD: nil, turns: turns.count,
            inputTokens: usages.compactMap { $0["input_tokens"]?.intValue }.reduce(0, +),
            outputTokens: usages.compactMap { $0["output_tokens"]?.intValue }.reduce(0, +),
            isError: objects.contains { $0["type"]?.stringValue == "turn.failed" })
    }
}
