import FSContext
import SharedValues
import Foundation

/// Reads Claude Code session JSONL: the main session file, and any `agent-*.jsonl` files of
/// its sub-agents given with it (or found by `RunImporter` beside it).
///
/// - One API response is split over several lines that share `message.id`, each repeating the
///   usage: they become one turn, its usage counted once (the last line's).
/// - `tool_use` and `tool_result` are linked by id; parallel calls are several calls of one turn.
/// - Sub-agents arrive as `progress` records (`data.type` `agent_progress`) keyed by
///   `parentToolUseID`, as `isSidechain` lines, or as separate files; each becomes a branch
///   that is merged back at its `Task` call's result.
/// - `system`/`compact_boundary`, `isCompactSummary` users and old `summary` lines become notes;
///   so do interrupts, images, and calls whose result never came.
struct ClaudeCodeReader {
    let sources: [String]

    /// A record with where it came from.
    struct Line {
        var number: Int
        var value: JSONValue
    }

    func read(_ texts: [String]) -> ImportedSession {
        var session = ImportedSession(format: .claudeCode, sources: sources)
        var main: [Line] = []
        var groups = SubAgentGroups()
        for (index, text) in texts.enumerated() {
            let lines = JSONLines(text)
            // Line numbers of later files are offset so they stay unique: file k's line n is k·1e6+n.
            let offset = index * 1_000_000
            if lines.unread.count > 0, let first = lines.unread.firstLine {
                session.unread.note(line: first + offset, text: lines.unread.firstText ?? "")
                session.unread.count += lines.unread.count - 1
            }
            for record in lines.records {
                let line = Line(number: record.line + offset, value: record.value)
                if session.sessionID == nil, let id = record.value["sessionId"]?.stringValue, record.value["isSidechain"]?.boolValue != true {
                    session.sessionID = id
                }
                if record.value["type"]?.stringValue == "progress", record.value["data"]?["type"]?.stringValue == "agent_progress",
                   let parent = record.value["parentToolUseID"]?.stringValue, let message = record.value["data"]?["message"] {
                    groups.addProgress(parent: parent, line: Line(number: line.number, value: message),
                                       agentID: record.value["data"]?["agentId"]?.stringValue)
                } else if record.value["isSidechain"]?.boolValue == true {
                    groups.addSidechain(line)
                } else {
                    main.append(line)
                }
            }
        }
        if let first = main.first(where: { $0.value["cwd"] != nil })?.value {
            for key in ["cwd", "version", "gitBranch"] { if let value = first[key] { session.metadata[key] = value } }
        }
        var builder = AgentBuilder(name: "root", groups: groups)
        builder.take(main, session: &session)
        session.root = builder.agent
        // Sub-agents no Task call claimed still belong to the session.
        for leftover in builder.groups.unclaimed() {
            var child = AgentBuilder(name: builder.groups.nextName(), groups: SubAgentGroups())
            child.take(leftover, session: &session)
            session.root.events.append(.subAgent(child.agent, callID: nil))
        }
        session.question = builder.question ?? ""
        session.answer = builder.lastText
        session.ending = builder.interruptedLast ? .interrupted : builder.lastTurnAnswered ? .answered : .noAnswer
        session.model = builder.model
        return session
    }
}

/// The records of sub-agents, by the ways Claude Code logs them.
struct SubAgentGroups {
    var byParentCall: [String: [ClaudeCodeReader.Line]] = [:]
    var parentOrder: [String] = []
    var chains: [[ClaudeCodeReader.Line]] = []
    var chainOfUUID: [String: Int] = [:]
    var chainAgentID: [Int: String] = [:]
    var agentIDOfCall: [String: String] = [:]
    var claimed: Set<Int> = []
    var claimedCalls: Set<String> = []
    var counter = 0

    mutating func addProgress(parent: String, line: ClaudeCodeReader.Line, agentID: String?) {
        if byParentCall[parent] == nil { parentOrder.append(parent) }
        byParentCall[parent, default: []].append(line)
    }

    mutating func addSidechain(_ line: ClaudeCodeReader.Line) {
        let uuid = line.value["uuid"]?.stringValue
        let parent = line.value["parentUuid"]?.stringValue
        let agentID = line.value["agentId"]?.stringValue
        let chain: Int
        if let parent, let existing = chainOfUUID[parent] {
            chain = existing
        } else if let agentID, let existing = chainAgentID.first(where: { $0.value == agentID })?.key {
            chain = existing
        } else {
            chains.append([])
            chain = chains.count - 1
            if let agentID { chainAgentID[chain] = agentID }
        }
        chains[chain].append(line)
        if let uuid { chainOfUUID[uuid] = chain }
    }

    /// The sub-agent records of Task call `callID` (prompt `prompt`, agent id `agentID` from its result).
    mutating func claim(callID: String, prompt: String?, agentID: String?) -> [ClaudeCodeReader.Line]? {
        if let lines = byParentCall[callID], !claimedCalls.contains(callID) {
            claimedCalls.insert(callID)
            return lines
        }
        let match = chains.indices.first { index in
            guard !claimed.contains(index) else { return false }
            if let agentID, chainAgentID[index] == agentID { return true }
            guard let prompt, let first = chains[index].first(where: { $0.value["type"]?.stringValue == "user" }) else { return false }
            return first.value["message"]?["content"]?.contentText.trimmingCharacters(in: .whitespacesAndNewlines)
                == prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let match else { return nil }
        claimed.insert(match)
        return chains[match]
    }

    /// Sub-agent records that no call claimed.
    func unclaimed() -> [[ClaudeCodeReader.Line]] {
        parentOrder.filter { !claimedCalls.contains($0) }.compactMap { byParentCall[$0] }
            + chains.indices.filter { !claimed.contains($0) }.map { chains[$0] }
    }

    mutating func nextName() -> String {
        counter += 1
        return "task-\(counter)"
    }
}
