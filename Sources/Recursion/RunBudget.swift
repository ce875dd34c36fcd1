import Foundation

/// The limits a run works within. Every run ends in a result with a `StopReason`.
public struct RunBudget: Sendable, Codable, Equatable {
    /// Model turns + tool calls of one agent (each level of recursion counts its own).
    public var maxSteps: Int
    /// How deep sub-calls may nest; at the limit a sub-call is a plain completion.
    public var maxDepth: Int
    /// How many sub-calls run at once (parallel fan-out).
    public var maxWidth: Int
    /// Total tokens (prompt + completion) across the whole run tree; nil: no limit.
    public var maxTokens: Int?
    /// Total dollars across the whole run tree; nil: no limit.
    public var maxUSD: Double?
    /// Wall-clock seconds for the whole run; nil: no limit.
    public var timeoutSeconds: Double?
    /// Consecutive failed tool calls or malformed model turns before the run gives up.
    public var maxConsecutiveErrors: Int
    /// Sub-calls (`llm`, each file of `llm --each`, `rlm`) across the whole run tree; nil: no limit.
    public var maxSubcalls: Int?

    /// Creates a budget; the defaults suit an agent on a small corpus.
    public init(
        maxSteps: Int = 40, maxDepth: Int = 2, maxWidth: Int = 4, maxTokens: Int? = nil,
        maxUSD: Double? = nil, timeoutSeconds: Double? = nil, maxConsecutiveErrors: Int = 4, maxSubcalls: Int? = nil
    ) {
        self.maxSubcalls = maxSubcalls
        self.maxSteps = maxSteps
        self.maxDepth = maxDepth
        self.maxWidth = maxWidth
        self.maxTokens = maxTokens
        self.maxUSD = maxUSD
        self.timeoutSeconds = timeoutSeconds
        self.maxConsecutiveErrors = maxConsecutiveErrors
    }
}

/// Why a run (or a sub-call, or an SRLM candidate) ended.
public enum StopReason: String, Sendable, Codable, Equatable, CaseIterable {
    /// The agent gave an answer.
    case answered
    /// It ran out of steps.
    case budgetSteps = "budget_steps"
    /// The run tree ran out of tokens.
    case budgetTokens = "budget_tokens"
    /// The run tree ran out of dollars.
    case budgetUSD = "budget_usd"
    /// The wall-clock limit passed.
    case budgetTime = "budget_time"
    /// Too many consecutive errors.
    case tooManyErrors = "too_many_errors"
    /// The model could not be reached or kept failing.
    case modelError = "model_error"
    /// SIGINT or task cancellation.
    case interrupted
    /// The model stopped without answering.
    case noAnswer = "no_answer"
    /// The agent repeated itself (the same action and observation again and again) or stopped
    /// calling tools for several turns.
    case stuck
    /// Adaptive SRLM cancelled this candidate: no answer of it could change the majority.
    case cancelled
}
