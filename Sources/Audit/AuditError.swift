/// The one error type of the Audit module: a code and one readable line.
public struct AuditError: Error, CustomStringConvertible, Sendable, Equatable {
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

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
