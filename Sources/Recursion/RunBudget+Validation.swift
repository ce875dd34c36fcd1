extension RunBudget {
    /// What is wrong with these limits, as one sentence about the values; nil when a run can use them.
    public var problem: String? {
        if maxSteps < 1 { return "maxSteps must be at least 1 (got \(maxSteps))" }
        if maxDepth < 0 { return "maxDepth must be 0 or more (got \(maxDepth))" }
        if maxWidth < 1 { return "maxWidth must be at least 1 (got \(maxWidth))" }
        if let tokens = maxTokens, tokens < 1 { return "maxTokens must be at least 1 (got \(tokens))" }
        if let usd = maxUSD, usd <= 0 { return "maxUSD must be more than 0 (got \(usd))" }
        if let seconds = timeoutSeconds, seconds <= 0 { return "timeoutSeconds must be more than 0 (got \(seconds))" }
        if let subcalls = maxSubcalls, subcalls < 0 { return "maxSubcalls must be 0 or more (got \(subcalls))" }
        return nil
    }
}
