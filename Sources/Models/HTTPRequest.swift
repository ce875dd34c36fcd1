import Foundation

/// One HTTP request for `HTTPClient`. `credentialHint` names what to check when the server
/// refuses the credentials (e.g. `OPENAI_API_KEY`), and `secrets` are strings (API keys)
/// that must never appear in an error message.
public struct HTTPRequest: Sendable, CustomStringConvertible, CustomReflectable {
    /// Absolute URL.
    public var url: String
    /// HTTP method.
    public var method: String
    /// Header fields (name → value).
    public var headers: [String: String]
    /// Request body (JSON for the model APIs).
    public var body: Data
    /// Whether the reply is a server-sent-event stream to parse into events.
    public var streaming: Bool
    /// What to check on 401/403, e.g. `OPENAI_API_KEY`.
    public var credentialHint: String
    /// Strings to redact from every message (API keys).
    public var secrets: [String]

    /// Creates a request.
    public init(url: String, method: String = "POST", headers: [String: String] = [:], body: Data = Data(),
                streaming: Bool = false, credentialHint: String = "the API key", secrets: [String] = []) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.streaming = streaming
        self.credentialHint = credentialHint
        self.secrets = secrets
    }

    /// `POST <url> (<n> bytes)` — never the headers, which hold keys.
    public var description: String { "\(method) \(url) (\(body.count) bytes)" }

    /// Reflection shows only method, URL and body size, so `dump` cannot reveal a key.
    public var customMirror: Mirror { Mirror(self, children: ["method": method, "url": url, "bodyBytes": body.count]) }

    /// The host part of the URL, for error messages.
    public var host: String { URL(string: url)?.host.map { h in URL(string: url)?.port.map { "\(h):\($0)" } ?? h } ?? url }

    /// `text` with every secret replaced by `[redacted]`.
    public func redact(_ text: String) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
