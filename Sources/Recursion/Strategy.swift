import Foundation
import Models

/// A way of answering a question over a corpus. Every strategy takes the same question,
/// corpus, model and budget (through the environment and scope) and returns an outcome;
/// the runner records `run.json` before and `answer.json` after.
public protocol Strategy: Sendable {
    /// The options this strategy owns (`NoStrategyOptions` when it has none).
    associatedtype Options: StrategySpecificOptions = NoStrategyOptions
    /// The strategy's name in records and on the command line.
    var name: String { get }
    /// Answers `question` as the agent `scope`.
    func run(question: String, environment: RunEnvironment, scope: AgentScope) async -> StrategyOutcome
}

/// What a strategy ended with.
public struct StrategyOutcome: Sendable {
    /// The answer (partial if that is all there is), or nil.
    public var answer: String?
    /// Why it stopped.
    public var stopReason: StopReason
    /// The verbalized confidence ν of each model turn of the answering agent (nil: none stated).
    public var confidences: [Double?]
    /// The ν given with the answer, when there was one.
    public var answerConfidence: Double?
    /// The answering agent's own model usage, without its sub-calls' (nil when not tracked).
    public var ownUsage: TokenUsage?
    /// SRLM's selection, for `srlm`.
    public var selection: SRLMSelection?

    /// Creates an outcome.
    public init(answer: String?, stopReason: StopReason, confidences: [Double?] = [], answerConfidence: Double? = nil,
                ownUsage: TokenUsage? = nil, selection: SRLMSelection? = nil) {
        self.answer = answer
        self.stopReason = stopReason
        self.confidences = confidences
        self.answerConfidence = answerConfidence
        self.ownUsage = ownUsage
        self.selection = selection
    }
}

extension StrategyOutcome {
    /// The outcome of a strategy whose answer is one completion's text.
    init(completion response: ModelResponse) {
        let answer = RunEnvironment.answerText(response)
        let confidence = response.confidence ?? VerbalizedConfidence.parse(response.text)
        self.init(answer: answer.isEmpty ? nil : answer, stopReason: answer.isEmpty ? .noAnswer : .answered,
                  confidences: [confidence], answerConfidence: confidence, ownUsage: response.usage)
    }
}
