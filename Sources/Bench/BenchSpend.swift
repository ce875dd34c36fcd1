/// What "equal budget" holds equal in `compare --match`.
public enum BenchSpend: String, Sendable, Codable, CaseIterable {
    /// Total tokens per run.
    case tokens
    /// Wall seconds per run.
    case seconds
    /// Dollars per run (runs with an unknown cost are left out).
    case usd

    /// A run's spend, or nil when unknown.
    public func of(_ result: BenchResult) -> Double? {
        switch self {
        case .tokens: Double(result.tokens)
        case .seconds: result.seconds
        case .usd: result.cost
        }
    }
}
