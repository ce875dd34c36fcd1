/// The one error type of the Models module: a `Code` to branch on and one readable line that
/// says what went wrong and what to check. Never contains an API key.
public struct ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable, Codable {
        /// A model spec string could not be parsed (`fsctx ... --model x`).
        case badSpec
        /// Configuration is missing or wrong: no API key, bad base URL, bad price file.
        case badConfiguration
        /// The server refused the credentials (401/403).
        case unauthorized
        /// The server rejected the request (400, 404, 422…); not retried.
        case badRequest
        /// Rate limited (429) and retries ran out.
        case rateLimited
        /// The server failed (5xx) and retries ran out.
        case serverError
        /// Connect, total or idle timeout.
        case timeout
        /// Could not connect or the connection broke (DNS, refused, reset, stream cut).
        case network
        /// The reply was not what the wire format promises (malformed JSON, missing fields).
        case badResponse
        /// The calling task was cancelled.
        case cancelled
        /// A replayed request differs from the recorded one, or the recording ran out.
        case replayMismatch
    }

    /// The kind of failure.
    public let code: Code
    /// One readable line: what went wrong and what to check.
    public let message: String
    /// The HTTP status, when an HTTP reply caused the error.
    public let httpStatus: Int?
    /// The libcurl result code, when libcurl reported the error.
    public let curlCode: Int?

    /// False when a retry would do harm although the code is usually retryable (a timed-out
    /// request the server may still be working on).
    let retryAllowed: Bool

    /// Creates an error; `retryable: false` keeps a usually retryable failure from being retried.
    public init(_ code: Code, _ message: String, httpStatus: Int? = nil, curlCode: Int? = nil, retryable: Bool = true) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.curlCode = curlCode
        self.retryAllowed = retryable
    }

    /// The message.
    public var description: String { message }

    /// Whether retrying the same request may succeed (429, 5xx, timeouts, broken connections).
    public var isRetryable: Bool {
        guard retryAllowed else { return false }
        return switch code {
        case .rateLimited, .serverError, .timeout, .network: true
        default: false
        }
    }
}
