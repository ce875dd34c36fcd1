import ArgumentParser
import Foundation
import Models
import Recursion

/// The flags about how a run talks to its models — reply limits, compaction, the sub-call model
/// and stuck detection — shared by every command that runs agents (`run`, `bench`, `demo`:
/// `@OptionGroup var modelFlags`).
struct RunModelFlags: ParsableArguments {
    @Option(name: .customLong("max-reply-tokens"),
            help: "max_tokens of each reply: N for every call, or role=N pairs (agent=1024,answer=512,subcall=768,worker=768,summary=512 are the defaults).")
    var maxReplyTokens: String?

    @Option(name: .customLong("compact"), help: "When a conversation nears the context window: lines (default; older observations become one line each), summarize (also a model-written summary of the oldest turns) or off.")
    var compact: String = "lines"

    @Option(name: .customLong("sub-model"), help: "The model spec for sub-calls (llm, llm --each, rlm, llm_query); default: --model. Same base URL and key flags.")
    var subModel: String?

    @Option(name: .customLong("stuck-after"), help: "Model turns in a row without a tool call that end an agent as stuck (the same action with the same output 3 times does too).")
    var stuckAfter: Int = 3

    /// The settings these flags give, with the context window the model resolved to (nil: each
    /// run's model decides, as in a sweep over several models).
    func settings(contextWindow: Int?) throws -> RunModelSettings {
        guard let compaction = RunModelSettings.Compaction(rawValue: compact) else {
            throw ValidationError("--compact must be lines, summarize or off")
        }
        guard stuckAfter >= 1 else { throw ValidationError("--stuck-after must be at least 1") }
        let limits: ReplyTokenLimits
        do {
            limits = try maxReplyTokens.map { try ReplyTokenLimits(parsing: $0) } ?? ReplyTokenLimits()
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
        if let subModel {
            do { _ = try ModelSpec(parsing: subModel) } catch let error as ModelError {
                throw ValidationError("--sub-model: \(error.message)")
            }
        }
        return RunModelSettings(replyTokens: limits, contextWindow: contextWindow, compaction: compaction, subModel: subModel,
                                stuckTurnsWithoutAction: stuckAfter)
    }
}
