import Foundation

/// A model behind Anthropic's `/v1/messages` endpoint with tool use. Key and base URL from
/// flags or `ANTHROPIC_API_KEY` / `ANTHROPIC_BASE_URL` (see `ModelFactory`). The key is sent
/// as `x-api-key` and redacted from every error.
public struct AnthropicModel: LanguageModel {
    /// `anthropic:<model>`.
    public var name: String { "anthropic:\(model)" }
    /// The model id sent to the server.
    public let model: String
    /// The context window assumed for truncation.
    public let contextWindowTokens: Int
    /// `max_tokens` when the request sets none (the API requires one).
    public let defaultMaxTokens: Int
    let endpoint: String
    let apiKey: SecretText?
    let client: HTTPClient
    let prices: PriceTable
    let streaming: Bool

    /// Creates a model; `baseURL` like `https://api.anthropic.com`.
    public init(model: String, baseURL: String, apiKey: String?, client: HTTPClient = HTTPClient(),
                prices: PriceTable = .builtIn, streaming: Bool = false, contextWindowTokens: Int? = nil,
                defaultMaxTokens: Int = 4096) throws {
        self.model = model
        self.endpoint = try Endpoint.url(base: baseURL, path: "/messages")
        self.apiKey = SecretText(apiKey)
        self.client = client
        self.prices = prices
        self.streaming = streaming
        self.contextWindowTokens = contextWindowTokens ?? ContextWindows.tokens(for: model) ?? ContextWindows.anthropicDefault
        self.defaultMaxTokens = defaultMaxTokens
    }

    /// Sends the request and decodes the reply (streamed or not).
    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let started = Date()
        var headers = ["Content-Type": "application/json", "anthropic-version": "2023-06-01",
                       "Accept": streaming ? "text/event-stream" : "application/json"]
        if let apiKey { headers["x-api-key"] = apiKey.value }
        let body = AnthropicWire.body(for: request, model: model, maxTokens: request.maxTokens ?? defaultMaxTokens, stream: streaming)
        let http = HTTPRequest(url: endpoint, headers: headers, body: Data(body.jsonText.utf8), streaming: streaming,
                               credentialHint: "ANTHROPIC_API_KEY (or --api-key)", secrets: [apiKey?.value].compactMap { $0 })
        let host = http.host
        let decoded = try await client.send(http) { reply in
            self.streaming ? try AnthropicWire.decodeStream(reply, host: host) : try AnthropicWire.decode(reply, host: host)
        }
        return decoded.finished(requestedModel: model, prices: prices, secrets: http.secrets, started: started)
    }
}
