/// How a run talks to its models, beyond the spec: reply limits, the context window and what to
/// do when a conversation outgrows it, the sub-call model, and when an agent counts as stuck.
/// Recorded in `run.json` (`model_settings`), so a replay sends the same requests.
public struct RunModelSettings: Sendable, Codable, Equatable {
    /// What the agent loop does when the conversation nears the context window.
    public enum Compaction: String, Sendable, Codable, Equatable, CaseIterable {
        /// Never compact (the server will reject a request past its window).
        case off
        /// Replace older observations by one line each (`[step 12: grep … → 340 lines, see git show <commit>]`).
        case lines
        /// `lines`, plus a model-written summary of the oldest turns.
        case summarize
    }

    /// `max_tokens` per role.
    public var replyTokens: ReplyTokenLimits
    /// The context window in tokens; nil: the model's default (`fsctx model --info`).
    public var contextWindow: Int?
    /// What to do past `compactAtFraction` of the window.
    public var compaction: Compaction
    /// The share of the window (minus the reply's room) a request may fill before compaction.
    public var compactAtFraction: Double
    /// The model spec for sub-calls (`llm`, `llm --each`, `rlm`); nil: the run's model.
    public var subModel: String?
    /// The same action with the same observation this many times in a row ends the agent (`stuck`).
    public var stuckRepeats: Int
    /// This many model turns in a row without any tool call or program ends the agent (`stuck`).
    public var stuckTurnsWithoutAction: Int

    /// Creates settings with the defaults.
    public init(
        replyTokens: ReplyTokenLimits = ReplyTokenLimits(), contextWindow: Int? = nil, compaction: Compaction = .lines,
        compactAtFraction: Double = 0.75, subModel: String? = nil, stuckRepeats: Int = 3, stuckTurnsWithoutAction: Int = 3
    ) {
        self.replyTokens = replyTokens
        self.contextWindow = contextWindow
        self.compaction = compaction
        self.compactAtFraction = compactAtFraction
        self.subModel = subModel
        self.stuckRepeats = stuckRepeats
        self.stuckTurnsWithoutAction = stuckTurnsWithoutAction
    }
}
