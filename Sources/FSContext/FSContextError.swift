import SharedValues

/// The one error type of the FSContext module.
///
/// `message` is a single line that says what was wrong and, where it can, how to fix it.
/// `gitStatus` keeps the underlying libgit2 return code when the failure came from libgit2.
public struct FSContextError: ModuleError {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable, Equatable {
        /// An input (file, directory, stdin) is missing, unreadable or malformed.
        case badInput
        /// The target directory cannot be used (not a corpus repo, not empty, not writable).
        case badTarget
        /// A path, reference or object that was asked for does not exist.
        case notFound
        /// A reference moved underneath us (compare-and-swap failed).
        case conflict
        /// libgit2 reported an error.
        case git
        /// An I/O error outside libgit2.
        case io
    }

    /// The kind of failure.
    public let code: Code
    /// One readable line: what went wrong and how to fix it.
    public let message: String
    /// The libgit2 status code, when libgit2 reported the error.
    public let gitStatus: Int32?
    /// The error this one wraps when another failure caused it (kept for callers that branch on
    /// it); its text ends `message`. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error from its parts; see `ModuleError` for the short forms.
    public init(code: Code, message: String, underlying: (any Error)?) {
        self.init(code, message, gitStatus: nil, underlying: underlying)
    }

    /// An error libgit2 reported with `gitStatus`.
    public init(_ code: Code, _ message: String, gitStatus: Int32?, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.gitStatus = gitStatus
        self.underlying = underlying
    }

    /// Same code, message and libgit2 status.
    public static func == (left: FSContextError, right: FSContextError) -> Bool {
        left.code == right.code && left.message == right.message && left.gitStatus == right.gitStatus
    }
}
