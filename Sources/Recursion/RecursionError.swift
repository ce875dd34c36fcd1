import FSContext

/// The one error type of the Recursion module: a code and one readable line.
public struct RecursionError: ModuleError {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// The user's input (repo, question, options) is wrong.
        case badInput
        /// A run id that does not exist.
        case notFound
        /// A budget ran out (for sub-calls: reported to the calling program).
        case budget
        /// Recording into git failed.
        case recording
        /// A replay diverged.
        case replay
    }

    /// The kind of failure.
    public let code: Code
    /// One readable line.
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
