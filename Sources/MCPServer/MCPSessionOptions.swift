import Foundation
import Shell

/// What `fsctx mcp` serves: which corpus, which run records the calls, and the output budget.
public struct MCPSessionOptions: Sendable {
    /// The corpus repository's work tree.
    public var corpusRoot: URL
    /// The run that records the calls: appended to when it exists, created under this id when
    /// it does not; nil starts a new run with a fresh id (`<date>-mcp-<hex>`).
    public var runID: String?
    /// Whether to record calls in git at all (`--no-record` turns it off).
    public var record: Bool
    /// The question the client works on, for `run.json` (empty when unknown).
    public var question: String
    /// The most bytes of output one call returns.
    public var maxOutputBytes: Int
    /// The real programs the shell may run under bubblewrap, and their limits.
    public var programs: ProgramPolicy
    /// Model sub-calls for the client's `sh` and `python` tools; nil (the default): none, and
    /// the tool descriptions do not offer them. Needs `record`.
    public var subCalls: MCPSubCallOptions?

    /// Creates options.
    public init(
        corpusRoot: URL, runID: String? = nil, record: Bool = true, question: String = "", maxOutputBytes: Int = 20_000,
        programs: ProgramPolicy = ProgramPolicy(), subCalls: MCPSubCallOptions? = nil
    ) {
        self.subCalls = subCalls
        self.programs = programs
        self.corpusRoot = corpusRoot
        self.runID = runID
        self.record = record
        self.question = question
        self.maxOutputBytes = maxOutputBytes
    }
}
