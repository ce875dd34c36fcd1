/// The price of one model in US dollars per million tokens.
public struct ModelPrice: Sendable, Hashable, Codable {
    /// $ per million input (prompt) tokens.
    public var inputPerMillion: Double
    /// $ per million output (completion) tokens.
    public var outputPerMillion: Double

    /// Creates a price.
    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    /// The cost of `promptTokens` in and `completionTokens` out.
    public func cost(promptTokens: Int, completionTokens: Int) -> Double {
        (Double(promptTokens) * inputPerMillion + Double(completionTokens) * outputPerMillion) / 1_000_000
    }
}
