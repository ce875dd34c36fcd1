import Foundation

/// A model behind an OpenAI-compatible `/v1/chat/completions` endpoint with function calling:
/// OpenAI, vLLM, the llama.cpp server, Ollama, OpenRouter… Base URL and key come from flags or
/// `OPENAI_BASE_URL` / `OPENAI_API_KEY` (see `ModelFactory`). The key is sent as a bearer token
/// and redacted from every error.
public struct OpenAICompatibleModel: LanguageModel {
    /// `openai:<model>`.
    public var name: String { "openai:\(model)" }
    /// The model id sent to the server.
    public let model: String
    /// The context window assumed for truncation.
    public let contextWindowTokens: Int
    let endpoint: String
    let apiKey: SecretText?
    let client: HTTPClient
    let prices: PriceTable
    let streaming: Bool
    let tokenizer: ServerTokenizer

    /// Creates a model; `baseURL` like `https://api.openai.com/v1` or `http://localhost:8000`.
    public init(model: String, baseURL: String, apiKey: String?, client: HTTPClient = HTTPClient(),
                prices: PriceTable = .builtIn, streaming: Bool = false, contextWindowTokens: Int? = nil) throws {
        self.model = model
        self.endpoint = try Endpoint.url(base: baseURL, path: "/chat/completions")
        self.apiKey = SecretText(apiKey)
        self.client = client
        self.prices = prices
        self.streaming = streaming
        self.contextWindowTokens = contextWindowTokens ?? ContextWindows.tokens(for: model) ?? ContextWindows.openAIDefault
        self.tokenizer = ServerTokenizer(endpoint: endpoint, apiKey: self.apiKey)
    }

    /// The server's count (llama.cpp `/tokenize`, llama-cpp-python `/extras/tokenize/count`), or nil.
    public func countPromptTokens(_ request: ModelRequest) async -> Int? { await tokenizer.count(request) }

    /// Sends the request and decodes the reply (streamed or not).
    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let started = Date()
        var headers = ["Content-Type": "application/json", "Accept": streaming ? "text/event-stream" : "application/json"]
        if let apiKey { headers["Authorization"] = "Bearer \(apiKey.value)" }
        let http = HTTPRequest(url: endpoint, headers: headers, body: Data(OpenAIWire.body(for: request, model: model, stream: streaming, officialAPI: endpoint.hasPrefix("https://api.openai.com/")).jsonText.utf8),
                               streaming: streaming, credentialHint: "OPENAI_API_KEY (or --api-key)", secrets: [apiKey?.value].compactMap { $0 })
        let host = http.host
        let decoded = try await client.send(http) { reply in
            self.streaming ? try OpenAIWire.decodeStream(reply, host: host) : try OpenAIWire.decode(reply, host: host)
        }
        var response = decoded
        if response.usageNote != nil && response.usage.promptTokens == 0 {
            if let counted = await tokenizer.count(request) {
                response.usage.promptTokens = counted
                response.usageNote! += "; prompt tokens counted by the server's tokenizer"
            } else {
                response.usage.promptTokens = request.estimatedPromptTokens
                response.usageNote! += "; prompt tokens estimated at about 4 bytes per token"
            }
        }
        return response.finished(requestedModel: model, prices: prices, secrets: http.secrets, started: started)
    }
}
