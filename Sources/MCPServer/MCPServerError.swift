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

    /// The error this one wraps when another failure caused it (kept for callers that branch on
    /// it); its text ends `message`. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.init(code, message, keeping: nil)
    }

    private init(_ code: Code, _ message: String, keeping underlying: (any Error)?) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// An error caused by `underlying`: the message is "`message`: underlying".
    public init(_ code: Code, _ message: String, underlying: any Error) {
        self.init(code, "\(message): \(underlying)", keeping: underlying)
    }

    /// An error that is `underlying` under this module's code: the message is the underlying's text.
    public init(_ code: Code, wrapping underlying: any Error) {
        self.init(code, "\(underlying)", keeping: underlying)
    }

    public static func == (left: MCPServerError, right: MCPServerError) -> Bool {
        left.code == right.code && left.message == right.message
    }

    /// The message.
    public var description: String { message }
}
