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
    /// Verbalized confidences seen (used by SRLM).
    public var confidences: [Double]
    /// SRLM's selection, for `srlm`.
    public var selection: SRLMSelection?

    /// Creates an outcome.
    public init(answer: String?, stopReason: StopReason, confidences: [Double] = [], selection: SRLMSelection? = nil) {
        self.answer = answer
        self.stopReason = stopReason
        self.confidences = confidences
        self.selection = selection
    }
}

extension StrategyOutcome {
    /// The outcome of a strategy whose answer is one completion's text.
    init(completion response: ModelResponse) {
        let answer = RunEnvironment.answerText(response)
        let confidence = response.confidence ?? VerbalizedConfidence.parse(response.text)
        self.init(answer: answer.isEmpty ? nil : answer, stopReason: answer.isEmpty ? .noAnswer : .answered,
                  confidences: confidence.map { [$0] } ?? [])
    }
}
