/// How the HTTP client retries: exponential backoff with full jitter, honouring `Retry-After`
/// on 429 and 503 (capped by `maxDelaySeconds`). 400/401/403/404/422 are never retried.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// Total attempts including the first (1 = no retry).
    public var maxAttempts: Int
    /// Delay before the first retry, in seconds; doubles each retry.
    public var baseDelaySeconds: Double
    /// Upper bound of one delay, in seconds (also caps `Retry-After`).
    public var maxDelaySeconds: Double

    /// Creates a policy.
    public init(maxAttempts: Int = 4, baseDelaySeconds: Double = 1, maxDelaySeconds: Double = 30) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// The delay before retry number `retry` (1-based): `Retry-After` when the server sent
    /// one, else a random value in [base·2^(retry-1)/2, base·2^(retry-1)], capped.
    public func delay(beforeRetry retry: Int, retryAfterSeconds: Double?) -> Double {
        if let retryAfterSeconds { return min(max(0, retryAfterSeconds), maxDelaySeconds) }
        let ceiling = min(maxDelaySeconds, baseDelaySeconds * pow2(retry - 1))
        return Double.random(in: (ceiling / 2)...max(ceiling / 2, ceiling))
    }

    private func pow2(_ n: Int) -> Double { Double(1 << min(max(0, n), 30)) }
}
