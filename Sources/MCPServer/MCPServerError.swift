import FSContext

/// The one error type of the MCPServer module: a code and a one-line message saying what was
/// wrong and how to fix it.
public struct MCPServerError: ModuleError {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// Bad input from the user: a missing corpus, a bad run id, an empty agent command.
        case badInput
        /// Writing the run into git failed.
        case recording
        /// The agent process could not be started.
        case launch
        /// The MCP transport failed.
        case transport
    }

    /// What kind of failure.
    public let code: Code
    /// One line: what was wrong and how to fix it.
    public let message: String

    /// The error this one wraps when another failure caused it (kept for callers that branch on
    /// it); its text ends `message`. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error from its parts; see `ModuleError` for the short forms.
    public init(code: Code, message: String, underlying: (any Error)?) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }
}
