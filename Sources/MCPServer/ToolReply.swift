import FSContext

/// What one MCP tool call gives back to the client.
public struct ToolReply: Sendable, Equatable {
    /// The text the client sees: the tool's output, or the message saying why it failed.
    public var text: String
    /// Whether the call failed (MCP `isError`): a sandbox refusal, a bad argument, an unknown
    /// command. `grep` finding nothing is not an error.
    public var isError: Bool
    /// The Shell's exit status.
    public var exitStatus: Int32
    /// The commit that recorded the call, when the session records.
    public var recordedCommit: GitOID?

    /// Creates a reply.
    public init(text: String, isError: Bool, exitStatus: Int32, recordedCommit: GitOID? = nil) {
        self.text = text
        self.isError = isError
        self.exitStatus = exitStatus
        self.recordedCommit = recordedCommit
    }
}
