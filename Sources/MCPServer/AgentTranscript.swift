import FSContext
import Foundation

/// Where a launched agent's own transcript is: Claude Code's session JSONL
/// (`<config>/projects/<cwd with - for every other character>/<session_id>.jsonl`, config =
/// `CLAUDE_CONFIG_DIR` or `~/.claude`) or Codex's rollout
/// (`<CODEX_HOME or ~/.codex>/sessions/YYYY/MM/DD/rollout-…-<thread_id>.jsonl`). The log
/// importer (`Audit`) reads it.
enum AgentTranscript {
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
