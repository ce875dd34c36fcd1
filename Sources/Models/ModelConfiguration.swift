/// Everything `ModelFactory` needs besides the spec: flags, environment, prices, HTTP
/// behaviour, and — for `replay:` — the recorded turns (loading them from git is the
/// Recursion layer's job).
public struct ModelConfiguration: Sendable {
    /// `--base-url` flag; overrides `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL`.
    public var baseURL: String?
    /// `--api-key` flag; overrides `OPENAI_API_KEY` / `ANTHROPIC_API_KEY`.
    public var apiKey: String?
    /// The process environment (pass `ProcessInfo.processInfo.environment`).
    public var environment: [String: String]
    /// Prices per model; defaults to the built-in table.
    public var prices: PriceTable
    /// Timeouts for HTTP models.
    public var timeouts: HTTPTimeouts
    /// Retry policy for HTTP models.
    public var retry: RetryPolicy
    /// Use server-sent-event streaming for HTTP models.
    public var streaming: Bool
    /// Turns recorded by the run being replayed (required for `replay:`).
    public var replayTurns: [RecordedTurn]?
    /// `--context-window`: tokens per request; nil: the model's known window (`ContextWindows`).
    public var contextWindow: Int?

    /// Creates a configuration.
    public init(baseURL: String? = nil, apiKey: String? = nil, environment: [String: String] = [:],
                prices: PriceTable = .builtIn, timeouts: HTTPTimeouts = HTTPTimeouts(),
                retry: RetryPolicy = RetryPolicy(), streaming: Bool = false, replayTurns: [RecordedTurn]? = nil,
                contextWindow: Int? = nil) {
        self.contextWindow = contextWindow
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.environment = environment
        self.prices = prices
        self.timeouts = timeouts
        self.retry = retry
        self.streaming = streaming
        self.replayTurns = replayTurns
    }
}
