import SharedValues

/// The one error type of the Audit module: a code and one readable line.
public struct AuditError: ModuleError {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// A log file, repository or option is wrong.
        case badInput
        /// The log's format is not one the importer reads.
        case unknownFormat
        /// Writing the run into git failed.
        case recording
    }

    /// The kind of failure.
    public let code: Code
    /// One readable line.
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
