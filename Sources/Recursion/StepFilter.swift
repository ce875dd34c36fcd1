import FSContext
import SharedValues
import Foundation

/// Picks steps by what their records and trailers say (`Fsctx-Tool`, `Fsctx-Exit`,
/// `Fsctx-Agent`, `Fsctx-Kind`, `Fsctx-Outside`): `fsctx log --tool grep --exit 2 --agent root/c3`
/// and `fsctx show --steps …`. An empty filter matches every step.
public struct StepFilter: Sendable, Equatable {
    /// A command name the step ran (`grep`; any of a program's pipeline stages).
    public var tool: String?
    /// The exit status.
    public var exitStatus: Int?
    /// The agent, or an ancestor of it (`root/c3` matches `root/c3` and `root/c3/llm-…`).
    public var agent: String?
    /// The step kind (`model`, `program`, `note`).
    public var kind: String?
    /// Only steps that ran outside fsctx's tools (imported with `outside: true`).
    public var outsideOnly: Bool
    /// Only runs started at or after this time (seconds since 1970).
    public var since: Double?

    /// Creates a filter.
    public init(tool: String? = nil, exitStatus: Int? = nil, agent: String? = nil, kind: String? = nil,
                outsideOnly: Bool = false, since: Double? = nil) {
        self.tool = tool
        self.exitStatus = exitStatus
        self.agent = agent
        self.kind = kind
        self.outsideOnly = outsideOnly
        self.since = since
    }

    /// Whether the filter names any step condition (not just `since`).
    public var filtersSteps: Bool { tool != nil || exitStatus != nil || agent != nil || kind != nil || outsideOnly }

    /// Whether `step` passes.
    public func matches(_ step: RunStep) -> Bool {
        if let kind, step.kind != kind { return false }
        if let agent, step.agent != agent, !step.agent.hasPrefix(agent + "/") { return false }
        if let exitStatus, step.kind != "program" || step.exitStatus != exitStatus { return false }
        if let tool {
            let tools = step.record["tools"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let called = step.record["response"]?["toolCalls"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            guard tools.contains(tool) || called.contains(tool) else { return false }
        }
        if outsideOnly, step.record["outside"]?.boolValue != true { return false }
        return true
    }

    /// Reads `--since`: an ISO 8601 date or date-time (UTC unless it says), or a duration back
    /// from now (`30m`, `2h`, `7d`).
    public static func parseSince(_ text: String, now: Date = Date()) -> Double? {
        if let match = text.wholeMatch(of: /(\d+)([smhdw])/), let count = Double(match.1) {
            let unit: Double = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800][String(match.2)] ?? 1
            return now.timeIntervalSince1970 - count * unit
        }
        let iso = ISO8601DateFormatter()
        if let date = iso.date(from: text) { return date.timeIntervalSince1970 }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        }
        return nil
    }
}

/// One step found by `fsctx log` with step filters.
public struct StepMatch: Sendable, Codable {
    /// The run.
    public var runID: String
    /// The step number.
    public var step: Int
    /// The agent.
    public var agent: String
    /// The step kind.
    public var kind: String
    /// The step in one line.
    public var headline: String
    /// The exit status, for programs.
    public var exitStatus: Int?
}

extension RunCatalog {
    /// Steps of every run (started at or after `filter.since`) that pass `filter`, in run order.
    public func findSteps(_ filter: StepFilter) throws -> [StepMatch] {
        var matches: [StepMatch] = []
        for run in try list() where filter.since.map({ run.startedAt >= $0 }) ?? true {
            for step in try steps(run.id) where filter.matches(step) {
                matches.append(StepMatch(runID: run.id, step: step.number, agent: step.agent, kind: step.kind,
                                         headline: step.headline, exitStatus: step.kind == "program" ? step.exitStatus : nil))
            }
        }
        return matches
    }
}
