import FSContext

/// The one error type of the Shell module.
///
/// Expected outcomes of a program (no match, a bad flag, a path outside the corpus) are not
/// errors: they come back as a `ShellResult` with a message and a non-zero status. `ShellError`
/// is for what the caller did wrong when setting things up (a missing corpus root, a recorder
/// that cannot write) and for the recorder's git failures.
public struct ShellError: ModuleError {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable, Equatable {
        /// The corpus root or scratch area cannot be used.
        case badRoot
        /// A path tries to leave the corpus (or the scratch area).
        case escape
        /// A program, flag or tool call is malformed.
        case badInput
        /// The run recorder could not write or move a reference.
        case recorder
    }

    /// The kind of failure.
    public let code: Code
    /// One readable line: what went wrong and how to fix it.
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
