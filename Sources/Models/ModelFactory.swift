import Foundation

/// Makes a `LanguageModel` from a `ModelSpec` and a `ModelConfiguration` — the one place that
/// reads `OPENAI_BASE_URL` / `OPENAI_API_KEY` / `ANTHROPIC_BASE_URL` / `ANTHROPIC_API_KEY` and
/// `FSCTX_PRICES`. Flags (`configuration.baseURL` / `apiKey`) win over the environment.
/// Builds the providers only: `offline` is an agent policy in the `OfflineBaseline` module above
/// this one, whose `ModelMaker` builds it and hands every other spec to this factory.
public enum ModelFactory {
    /// Default OpenAI base URL.
    public static let openAIBaseURL = "https://api.openai.com/v1"
    /// Default Anthropic base URL.
    public static let anthropicBaseURL = "https://api.anthropic.com"

    /// Builds the model, or throws a `ModelError` that says what to set.
    public static func make(_ spec: ModelSpec, configuration: ModelConfiguration) throws -> any LanguageModel {
        let environment = configuration.environment
        var prices = configuration.prices
        if let path = environment["FSCTX_PRICES"], !path.isEmpty { prices = try PriceTable.loading(overridesAt: path, over: prices) }
        let client = HTTPClient(timeouts: configuration.timeouts, retry: configuration.retry)
        switch spec {
        case .offline:
            throw ModelError(.badConfiguration, "\(spec) is the offline baseline, which Models does not build: use OfflineBaseline's ModelMaker.make (it builds every spec)")
        case .openAI(let model):
            let base = configuration.baseURL ?? environment["OPENAI_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? openAIBaseURL
            let key = configuration.apiKey ?? environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
            if key == nil && base == openAIBaseURL {
                throw ModelError(.badConfiguration, "openai:\(model) needs an API key: set OPENAI_API_KEY or pass --api-key (local servers: set OPENAI_BASE_URL)")
            }
            return try OpenAICompatibleModel(model: model, baseURL: base, apiKey: key, client: client, prices: prices,
                                             streaming: configuration.streaming, contextWindowTokens: configuration.contextWindow)
        case .anthropic(let model):
            let base = configuration.baseURL ?? environment["ANTHROPIC_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? anthropicBaseURL
            guard let key = configuration.apiKey ?? environment["ANTHROPIC_API_KEY"].flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw ModelError(.badConfiguration, "anthropic:\(model) needs an API key: set ANTHROPIC_API_KEY or pass --api-key")
            }
            return try AnthropicModel(model: model, baseURL: base, apiKey: key, client: client, prices: prices,
                                      streaming: configuration.streaming, contextWindowTokens: configuration.contextWindow)
        case .replay(let runID):
            guard let turns = configuration.replayTurns else {
                throw ModelError(.badConfiguration, "replay:\(runID) needs the run's recorded turns; load them from refs/fsctx/runs/\(runID) first")
            }
            return ReplayModel(turns: turns, runID: runID, contextWindowTokens: configuration.contextWindow ?? 1_000_000)
        }
    }

    /// Parses `spec` and builds the model.
    public static func make(_ spec: String, configuration: ModelConfiguration) throws -> any LanguageModel {
        try make(ModelSpec(parsing: spec), configuration: configuration)
    }
}
