import Foundation
import Models

/// How a run ended, as `answer.json` records it.
public struct RunOutcome: Sendable, Codable, Equatable {
    /// The run id.
    public var runID: String
    /// The answer; a partial answer is kept when a budget ended the run; nil when there is none.
    public var answer: String?
    /// Why the run ended.
    public var stopReason: StopReason
    /// Tokens and cost of the whole run tree (`costUSD` nil: unknown).
    public var usage: TokenUsage
    /// Steps recorded (model turns + programs, across all agents).
    public var steps: Int
    /// The deepest sub-call level reached (0: no sub-calls).
    public var depth: Int
    /// Wall time in seconds.
    public var seconds: Double
    /// The last error message, when an error ended the run.
    public var error: String?
    /// SRLM's selection (scores of all candidates), for `srlm` runs.
    public var selection: SRLMSelection?
    /// The verbalized confidence ν stated with the answer, when there was one (calibration).
    public var confidence: Double?
    /// `llm`/`rlm` sub-calls made across the run tree (nil in records that predate the count).
    public var subcalls: Int?
    /// The lines the agents saw that contain the answer, with their sources (`AnswerGrounding`);
    /// nil in records that predate grounding or when there is no corpus to ground in.
    public var evidence: [AnswerEvidence]?
    /// Whether the answer appears in a line an agent saw; nil when not checked.
    public var grounded: Bool?
    /// Tokens and cost per model (the run's model and its `--sub-model`), when any model ran.
    public var usageByModel: [String: TokenUsage]?
    /// Replies that were empty or cut at max_tokens (the first 20), when there were any.
    public var warnings: [String]?

    /// Creates an outcome.
    public init(
        runID: String, answer: String?, stopReason: StopReason, usage: TokenUsage, steps: Int, depth: Int,
        seconds: Double, error: String? = nil, selection: SRLMSelection? = nil, confidence: Double? = nil
    ) {
        self.confidence = confidence
        self.runID = runID
        self.answer = answer
        self.stopReason = stopReason
        self.usage = usage
        self.steps = steps
        self.depth = depth
        self.seconds = seconds
        self.error = error
        self.selection = selection
    }
}
