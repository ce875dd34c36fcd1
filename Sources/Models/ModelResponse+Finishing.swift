import Foundation

extension ModelResponse {
    /// A decoded HTTP reply made ready for callers: keys redacted, the model name filled in,
    /// cost priced (by the served model name, else the requested one; nil when unknown),
    /// latency measured from `started`, and the verbalized confidence parsed.
    func finished(requestedModel: String, prices: PriceTable, secrets: [String], started: Date) -> ModelResponse {
        var response = redacting(secrets)
        if response.model.isEmpty { response.model = requestedModel }
        let (prompt, completion) = (response.usage.promptTokens, response.usage.completionTokens)
        response.usage.costUSD = prices.cost(for: response.model, promptTokens: prompt, completionTokens: completion)
            ?? prices.cost(for: requestedModel, promptTokens: prompt, completionTokens: completion)
        response.latencySeconds = Date().timeIntervalSince(started)
        response.confidence = VerbalizedConfidence.parse(text: response.text, toolCalls: response.toolCalls)
        return response
    }
}
