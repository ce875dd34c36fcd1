import FSContext

/// The one error type of the Bench module.
///
/// `message` is a single line that says what was wrong and, where it can, how to fix it.
public struct BenchError: ModuleError {
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

    /// The error this one wraps when another failure caused it; not part of equality.
    public let underlying: (any Error)?

    /// Creates an error from its parts; see `ModuleError` for the short forms.
    public init(code: Code, message: String, underlying: (any Error)?) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }
}
