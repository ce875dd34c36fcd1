import ArgumentParser
import Foundation
import Models

/// The per-call model flags every command that runs models shares (`run`, `model`, `bench`, `demo`):
/// base URL, key, prices, timeouts, retries, streaming, context window.
struct ModelCallOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "Server base URL (overrides OPENAI_BASE_URL / ANTHROPIC_BASE_URL).")
    var baseURL: String?

    @Option(name: .customLong("api-key"), help: "API key (overrides OPENAI_API_KEY / ANTHROPIC_API_KEY; prefer the environment).")
    var apiKey: String?

    @Option(name: .customLong("prices"), help: "JSON price overrides: {\"model\": {\"input\": $/Mtok, \"output\": $/Mtok}} (or FSCTX_PRICES).")
    var prices: String?

    @Option(name: .customLong("model-timeout"), help: "Total seconds allowed per model call.")
    var timeout: Double = 600

    @Option(name: .customLong("idle-timeout"), help: "Seconds of silence allowed while a reply streams in.")
    var idleTimeout: Double = 120

    @Option(name: .customLong("retries"), help: "Retries of a failed call (429, 5xx, timeouts, cut streams).")
    var retries: Int = 3

    @Flag(name: .customLong("stream"), help: "Stream replies (server-sent events).")
    var stream = false

    @Option(name: .customLong("context-window"), help: "Tokens per request the model takes (default: the model's known window; `fsctx model --info` shows it).")
    var contextWindow: Int?

    /// The factory configuration from these flags and the process environment.
    func configuration(replayTurns: [RecordedTurn]? = nil) throws -> ModelConfiguration {
        guard timeout > 0, idleTimeout > 0 else { throw ValidationError("--model-timeout and --idle-timeout must be positive seconds") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        if let contextWindow, contextWindow < 512 { throw ValidationError("--context-window must be at least 512 tokens") }
        var table = PriceTable.builtIn
        if let prices { table = try PriceTable.loading(overridesAt: prices) }
        var environment = ProcessInfo.processInfo.environment
        if prices != nil { environment["FSCTX_PRICES"] = nil }
        return ModelConfiguration(baseURL: baseURL, apiKey: apiKey, environment: environment, prices: table,
                                  timeouts: HTTPTimeouts(connect: min(30, timeout), total: timeout, idle: idleTimeout),
                                  retry: RetryPolicy(maxAttempts: retries + 1), streaming: stream, replayTurns: replayTurns,
                                  contextWindow: contextWindow)
    }
}
