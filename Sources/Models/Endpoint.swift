/// Joins a base URL and an API path the way users write base URLs: a bare host
/// (`http://localhost:8080`) gets `/v1` added; a base with a path (`https://openrouter.ai/api/v1`,
/// `http://localhost:11434/v1`) is used as is.
enum Endpoint {
    static func url(base: String, path: String) throws -> String {
        var base = base.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let parsed = URLComponentsLite(base), parsed.scheme == "http" || parsed.scheme == "https" else {
            throw ModelError(.badConfiguration, "base URL '\(base)' is not an http(s) URL; use e.g. http://localhost:8000/v1")
        }
        return parsed.hasPath ? base + path : base + "/v1" + path
    }

    /// Just enough URL parsing for the check above.
    private struct URLComponentsLite {
        let scheme: String
        let hasPath: Bool
        init?(_ text: String) {
            guard let range = text.range(of: "://") else { return nil }
            scheme = text[..<range.lowerBound].lowercased()
            let rest = text[range.upperBound...]
            guard !rest.isEmpty else { return nil }
            hasPath = rest.contains("/")
        }
    }
}
