/// The one error type of the Bench module.
///
/// `message` is a single line that says what was wrong and, where it can, how to fix it.
public struct BenchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable, Equatable {
        /// A task file, result file or option is malformed or out of range.
        case badInput
        /// An output location cannot be used (exists, not writable).
        case badTarget
        /// A file or directory that was asked for does not exist.
        case notFound
        /// An I/O error.
        case io
    }

    /// The kind of failure.
    public let code: Code
    /// One readable line: what went wrong and how to fix it.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
