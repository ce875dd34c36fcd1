/// The one error type of the Recursion module: a code and one readable line.
public struct RecursionError: Error, CustomStringConvertible, Sendable, Equatable {
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

    public static func == (left: RecursionError, right: RecursionError) -> Bool {
        left.code == right.code && left.message == right.message
    }

    public var description: String { message }
}
