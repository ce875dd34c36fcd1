import Foundation

/// The one error type of the MCPServer module: a code and a one-line message saying what was
/// wrong and how to fix it.
public struct MCPServerError: Error, Sendable, Equatable, CustomStringConvertible {
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

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
