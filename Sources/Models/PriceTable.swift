import Foundation

/// Prices per model name, with a built-in table that a JSON file can override or extend.
///
/// File format (`--prices FILE` / `FSCTX_PRICES`): a JSON object from model name to
/// `{"input": $/Mtok, "output": $/Mtok}`, e.g.
/// `{"gpt-4o-mini": {"input": 0.15, "output": 0.6}, "my-vllm-model": {"input": 0, "output": 0}}`.
/// Names are matched exactly, then by the longest key that prefixes the name (so
/// `claude-sonnet-4-5` prices `claude-sonnet-4-5-20250929`). A model not found has an
/// *unknown* cost (nil), never zero.
public struct PriceTable: Sendable, Hashable {
    /// Prices by model name.
    public var prices: [String: ModelPrice]

    /// Creates a table.
    public init(_ prices: [String: ModelPrice]) { self.prices = prices }

    /// List prices as published by the providers (USD per million tokens; check before relying on them).
    public static let builtIn = PriceTable([
        "gpt-4o": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10),
        "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.6),
        "gpt-4.1": ModelPrice(inputPerMillion: 2, outputPerMillion: 8),
        "gpt-4.1-mini": ModelPrice(inputPerMillion: 0.4, outputPerMillion: 1.6),
        "gpt-4.1-nano": ModelPrice(inputPerMillion: 0.1, outputPerMillion: 0.4),
        "gpt-5": ModelPrice(inputPerMillion: 1.25, outputPerMillion: 10),
        "gpt-5-mini": ModelPrice(inputPerMillion: 0.25, outputPerMillion: 2),
        "gpt-5-nano": ModelPrice(inputPerMillion: 0.05, outputPerMillion: 0.4),
        "o3": ModelPrice(inputPerMillion: 2, outputPerMillion: 8),
        "o4-mini": ModelPrice(inputPerMillion: 1.1, outputPerMillion: 4.4),
        "claude-opus-4": ModelPrice(inputPerMillion: 15, outputPerMillion: 75),
        "claude-sonnet-4": ModelPrice(inputPerMillion: 3, outputPerMillion: 15),
        "claude-sonnet-4-5": ModelPrice(inputPerMillion: 3, outputPerMillion: 15),
        "claude-haiku-4-5": ModelPrice(inputPerMillion: 1, outputPerMillion: 5),
        "claude-3-5-haiku": ModelPrice(inputPerMillion: 0.8, outputPerMillion: 4),
    ])

    /// The price of `model` (exact name, else the longest key prefixing it), or nil.
    /// An OpenRouter-style `vendor/model` also matches `model`, and `4.5` matches `4-5`.
    public func price(for model: String) -> ModelPrice? {
        if let exact = prices[model] { return exact }
        let bare = model.split(separator: "/").last.map(String.init) ?? model   // openrouter "openai/gpt-4o"
        for name in [bare, bare.replacingOccurrences(of: ".", with: "-")] {
            if let exact = prices[name] { return exact }
            let key = prices.keys.filter { name.hasPrefix($0 + "-") || name.hasPrefix($0 + ":") }.max { $0.count < $1.count }
            if let key { return prices[key] }
        }
        return nil
    }

    /// The cost of a call, or nil (unknown) when the model has no price.
    public func cost(for model: String, promptTokens: Int, completionTokens: Int) -> Double? {
        price(for: model)?.cost(promptTokens: promptTokens, completionTokens: completionTokens)
    }

    /// This table with the entries of `other` added or replaced.
    public func merging(_ other: PriceTable) -> PriceTable {
        PriceTable(prices.merging(other.prices) { _, new in new })
    }

    /// Reads an override file (format above) and returns the built-in table merged with it.
    public static func loading(overridesAt path: String, over base: PriceTable = .builtIn) throws -> PriceTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(.badConfiguration, "price file \(path) cannot be read: check the path")
        }
        struct Entry: Decodable { let input: Double; let output: Double }
        guard let entries = try? JSONDecoder().decode([String: Entry].self, from: data) else {
            throw ModelError(.badConfiguration,
                             "price file \(path) is not a JSON object of {\"model\": {\"input\": N, \"output\": N}} ($ per million tokens)")
        }
        return base.merging(PriceTable(entries.mapValues { ModelPrice(inputPerMillion: $0.input, outputPerMillion: $0.output) }))
    }
}
