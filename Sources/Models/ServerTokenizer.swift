import SharedValues
import Foundation

/// Asks an OpenAI-compatible server to count tokens with its own tokenizer, where it has one:
/// the llama.cpp server's `POST /tokenize {"content": …}` or llama-cpp-python's
/// `POST /extras/tokenize/count {"input": …}` (both at the server root, beside `/v1`). The first
/// route that answers is remembered; when neither does (OpenAI, vLLM, Ollama…) the tokenizer
/// says so once and callers estimate instead. Counts the messages' text and the tool schemas,
/// not the chat template's few framing tokens.
final class ServerTokenizer: @unchecked Sendable {
    enum Route: Sendable { case llamaCpp, llamaCppPython, none }

    private let root: String
    private let apiKey: SecretText?
    private let client = HTTPClient(timeouts: HTTPTimeouts(connect: 2, total: 10, idle: 10), retry: RetryPolicy(maxAttempts: 1))
    private let lock = NSLock()
    private var route: Route?

    /// `endpoint` is the chat-completions URL; the routes live at the server root.
    init(endpoint: String, apiKey: SecretText?) {
        var root = endpoint
        for suffix in ["/chat/completions", "/v1"] where root.hasSuffix(suffix) { root.removeLast(suffix.count) }
        self.root = root
        self.apiKey = apiKey
    }

    /// The server's token count of `request`'s text, or nil when it has no tokenizer route.
    func count(_ request: ModelRequest) async -> Int? {
        let text = Self.text(of: request)
        let known = lock.withLock { route }
        for candidate in known.map({ [$0] }) ?? [.llamaCpp, .llamaCppPython] {
            if candidate == .none { return nil }
            if let count = await ask(candidate, text: text) {
                lock.withLock { route = candidate }
                return count
            }
        }
        if known == nil { lock.withLock { route = Route.none } }
        return nil
    }

    private func ask(_ route: Route, text: String) async -> Int? {
        let (path, body): (String, JSONValue) = switch route {
        case .llamaCpp: ("/tokenize", ["content": .string(text)])
        case .llamaCppPython: ("/extras/tokenize/count", ["input": .string(text)])
        case .none: ("", .null)
        }
        var headers = ["Content-Type": "application/json"]
        if let apiKey { headers["Authorization"] = "Bearer \(apiKey.value)" }
        let request = HTTPRequest(url: root + path, headers: headers, body: Data(body.jsonText.utf8), secrets: [apiKey?.value].compactMap { $0 })
        guard let reply = try? await client.sendOnce(request), reply.status == 200,
              let json = JSONValue(parsing: reply.text) else { return nil }
        return json["count"]?.intValue ?? json["tokens"]?.arrayValue?.count
    }

    /// What is counted: every message's role and text, tool calls' arguments, tool schemas.
    static func text(of request: ModelRequest) -> String {
        var text = ""
        for message in request.messages {
            text += message.role.rawValue + "\n" + message.content + "\n"
            for call in message.toolCalls { text += call.name + " " + call.argumentsText + "\n" }
        }
        for tool in request.tools { text += tool.name + " " + tool.description + " " + tool.parameters.jsonText + "\n" }
        return text
    }
}
