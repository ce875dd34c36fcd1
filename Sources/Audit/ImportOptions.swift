/// How `RunImporter` records a session.
public struct ImportOptions: Sendable {
    /// The run id; nil makes one (`<date>-import-<format>-<hex>`).
    public var runID: String?
    /// The format, when detection should be skipped.
    public var format: LogFormat?
    /// The question to record when the log has none (`codex exec --json` streams carry no prompt).
    public var question: String?
    /// Marks every tool step `outside: true`: it ran outside fsctx's own tools (what `fsctx
    /// launch` records for the commands a Claude Code or Codex agent ran by itself).
    public var outside: Bool
    /// Tool names to leave out (e.g. the `mcp__fsctx__…` calls an MCP session already recorded).
    public var skipTools: @Sendable (String) -> Bool

    /// Creates options.
    public init(runID: String? = nil, format: LogFormat? = nil, question: String? = nil, outside: Bool = false,
                skipTools: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.runID = runID
        self.format = format
        self.question = question
        self.outside = outside
        self.skipTools = skipTools
    }
}

/// What one import wrote.
public struct ImportReport: Sendable, Codable, Equatable {
    /// The run the session became (or was appended to).
    public var runID: String
    /// The format read.
    public var format: LogFormat
    /// The files read.
    public var sources: [String]
    /// Steps written (model turns, tool calls, notes), across all agents.
    public var steps: Int
    /// Agents in the tree (1: no sub-agents).
    public var agents: Int
    /// Tool steps that point at corpus files.
    public var stepsOnCorpusFiles: Int
    /// Lines not understood.
    public var unread: UnreadLines
}
