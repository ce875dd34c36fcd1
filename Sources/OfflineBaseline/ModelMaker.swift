import Models

/// Makes any model a spec names: `offline` / `offline:seed=N` here (the embedded baseline),
/// every provider (`openai:`, `anthropic:`, `replay:`) through `ModelFactory`. What commands and
/// sweeps call; `ModelFactory` alone cannot build the offline model, which lives above Models.
public enum ModelMaker {
    /// Builds the model, or throws the `ModelError` that says what to set.
    public static func make(_ spec: ModelSpec, configuration: ModelConfiguration) throws -> any LanguageModel {
        guard case .offline(let seed) = spec else { return try ModelFactory.make(spec, configuration: configuration) }
        return configuration.contextWindow.map { OfflineModel(seed: seed, contextWindowTokens: $0) } ?? OfflineModel(seed: seed)
    }

    /// Parses `spec` and builds the model.
    public static func make(_ spec: String, configuration: ModelConfiguration) throws -> any LanguageModel {
        try make(ModelSpec(parsing: spec), configuration: configuration)
    }
}
