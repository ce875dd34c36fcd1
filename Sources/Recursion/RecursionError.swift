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

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
