/// How many tokens fit in one request, per known model (provider documentation; check before
/// relying on them). Matched like prices: the exact name, else the longest key that prefixes
/// it (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`), also behind a `vendor/` prefix. `--context-window`
/// overrides it; `fsctx model --info` shows what is assumed and where it came from.
public enum ContextWindows {
    /// Context windows in tokens by model name.
    public static let known: [String: Int] = [
        "gpt-4o": 128_000, "gpt-4o-mini": 128_000,
        "gpt-4.1": 1_047_576, "gpt-4.1-mini": 1_047_576, "gpt-4.1-nano": 1_047_576,
        "gpt-5": 400_000, "gpt-5-mini": 400_000, "gpt-5-nano": 400_000,
        "o3": 200_000, "o4-mini": 200_000,
        "claude-opus-4": 200_000, "claude-sonnet-4": 200_000, "claude-sonnet-4-5": 200_000,
        "claude-haiku-4-5": 200_000, "claude-3-5-haiku": 200_000,
        // scripts/local-model serves Gemma 3 270M under this name, with its full window.
        "gemma-3-270m": 32_768, "gemma-3-1b": 32_768, "gemma-3-4b": 131_072,
        "llama3.1": 131_072, "qwen2.5": 32_768,
    ]

    /// What an OpenAI-compatible model missing from the table is assumed to take.
    public static let openAIDefault = 128_000
    /// What an Anthropic model missing from the table is assumed to take.
    public static let anthropicDefault = 200_000

    /// The known window of `model`, or nil.
    public static func tokens(for model: String) -> Int? {
        if let exact = known[model] { return exact }
        let bare = (model.split(separator: "/").last.map(String.init) ?? model).lowercased()
        for name in [bare, bare.replacingOccurrences(of: ".", with: "-")] {
            if let exact = known[name] { return exact }
            let key = known.keys.filter { name.hasPrefix($0 + "-") || name.hasPrefix($0 + ":") }.max { $0.count < $1.count }
            if let key { return known[key] }
        }
        return nil
    }
}
