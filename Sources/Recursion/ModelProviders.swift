import Models

/// Model providers for live runs.
public enum ModelProviders {
    /// Every agent gets `model`, except sub-calls (`llm`, `llm --each`, `rlm` and the agents
    /// under them), which get `subModel` when there is one — a cheaper model for sub-calls,
    /// as RLM's `other_backends`.
    public static func live(_ model: any LanguageModel, subModel: (any LanguageModel)? = nil) -> ModelProvider {
        guard let subModel else { return { _ in model } }
        return { path in isSubcall(path) ? subModel : model }
    }

    /// Whether the agent at `path` is a sub-call or under one (`root/llm-1a2b3c4d`, `root/rlm-…/c1`).
    public static func isSubcall(_ path: String) -> Bool {
        path.split(separator: "/").contains { $0.hasPrefix("llm-") || $0.hasPrefix("rlm-") }
    }
}
