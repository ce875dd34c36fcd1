import Foundation

/// A completed HTTP exchange: status, headers (names lowercased), the raw body and — for a
/// streaming request with a 2xx status — the server-sent events in arrival order.
public struct HTTPResponse: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Header fields, names lowercased; the last value wins.
    public var headers: [String: String]
    /// The raw body bytes.
    public var body: Data
    /// Parsed server-sent events (streaming requests only).
    public var events: [ServerSentEvent]
    /// Whether the stream ended with a complete event (no partial event pending).
    public var streamEndedCleanly: Bool

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data(), events: [ServerSentEvent] = [],
                streamEndedCleanly: Bool = true) {
        self.status = status
        self.headers = headers
        self.body = body
        self.events = events
        self.streamEndedCleanly = streamEndedCleanly
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// `Retry-After` in seconds (delta-seconds or an HTTP date), if present.
    public var retryAfterSeconds: Double? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}
