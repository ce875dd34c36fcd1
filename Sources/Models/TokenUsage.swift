/// Tokens and cost of one call, or summed over many (`+`, `sum`).
///
/// `costUSD` nil means *unknown* (a model missing from the price table) — never read it as
/// zero. Summing a known and an unknown cost gives unknown. The offline model's cost is a
/// known 0.
public struct TokenUsage: Sendable, Codable, Hashable {
    /// Input tokens.
    public var promptTokens: Int
    /// Output tokens (including reasoning tokens, as providers count them).
    public var completionTokens: Int
    /// Reasoning tokens within `completionTokens`, when the provider reports them.
    public var reasoningTokens: Int
    /// Cost in US dollars; nil = unknown.
    public var costUSD: Double?
    /// How many model calls this usage covers.
    public var calls: Int

    /// Creates a usage record.
    public init(promptTokens: Int = 0, completionTokens: Int = 0, reasoningTokens: Int = 0,
                costUSD: Double? = 0, calls: Int = 1) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.reasoningTokens = reasoningTokens
        self.costUSD = costUSD
        self.calls = calls
    }

    /// Zero usage over zero calls with a known zero cost: the identity for `+`.
    public static let zero = TokenUsage(costUSD: 0, calls: 0)

    /// Prompt + completion tokens.
    public var totalTokens: Int { promptTokens + completionTokens }

    /// The sum of two usages; the cost is unknown if either is unknown.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(promptTokens: lhs.promptTokens + rhs.promptTokens,
                   completionTokens: lhs.completionTokens + rhs.completionTokens,
                   reasoningTokens: lhs.reasoningTokens + rhs.reasoningTokens,
                   costUSD: lhs.costUSD.flatMap { a in rhs.costUSD.map { a + $0 } },
                   calls: lhs.calls + rhs.calls)
    }

    /// Adds `rhs` into `lhs`.
    public static func += (lhs: inout TokenUsage, rhs: TokenUsage) { lhs = lhs + rhs }

    /// The sum of many usages (`.zero` for none).
    public static func sum<S: Sequence>(_ usages: S) -> TokenUsage where S.Element == TokenUsage {
        usages.reduce(.zero, +)
    }

    /// The cost as text: `$0.001234` or `unknown`.
    public var costDescription: String {
        guard let costUSD else { return "unknown" }
        return "$" + String(format: "%.6f", costUSD)
    }
}
