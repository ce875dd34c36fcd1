/// What every module's one error type shares: a `Code` to branch on, one readable line that says
/// what was wrong and how to fix it, and the error that caused it, if any.
///
/// A module's error type declares its `Code` enum, the three stored properties and
/// `init(code:message:underlying:)`; the short initializers, `description` and equality
/// (code and message; the underlying error is not part of it) come from this protocol.
public protocol ModuleError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The module's kinds of failure.
    associatedtype Code: Sendable, Equatable

    /// The kind of failure.
    var code: Code { get }
    /// One readable line: what went wrong and how to fix it.
    var message: String { get }
    /// The error this one wraps when another failure caused it (kept for callers that branch on
    /// it); its text ends `message`.
    var underlying: (any Error)? { get }

    /// Creates an error from its parts; `message` is taken as it is.
    init(code: Code, message: String, underlying: (any Error)?)
}

extension ModuleError {
    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.init(code: code, message: message, underlying: nil)
    }

    /// An error caused by `underlying`: the message is "`message`: underlying".
    public init(_ code: Code, _ message: String, underlying: any Error) {
        self.init(code: code, message: "\(message): \(underlying)", underlying: underlying)
    }

    /// An error that is `underlying` under this module's code: the message is the underlying's text.
    public init(_ code: Code, wrapping underlying: any Error) {
        self.init(code: code, message: "\(underlying)", underlying: underlying)
    }

    /// The message.
    public var description: String { message }

    /// Same code and message.
    public static func == (left: Self, right: Self) -> Bool {
        left.code == right.code && left.message == right.message
    }
}
