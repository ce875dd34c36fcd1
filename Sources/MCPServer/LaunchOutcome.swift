import Foundation

/// How a launched agent ended, as recorded in its run (`answer.json`, `launch/launch.json`).
public struct LaunchOutcome: Sendable, Equatable {
    /// The run id (`refs/fsctx/runs/<id>`).
    public var runID: String
    /// The agent's exit status (128 + signal when a signal ended it).
    public var exitStatus: Int32
    /// Whether the timeout stopped the agent.
    public var timedOut: Bool
    /// The final answer: what the agent gave with the `answer` tool, else its printed result.
    public var answer: String?
    /// Where the answer came from: `answer-tool`, `agent-result`, or nil.
    public var answerSource: String?
    /// What the agent printed as its final JSON, parsed (cost, turns, tokens), if anything.
    public var agentResult: AgentResult?
    /// Steps in the run: the MCP server's plus the `outside` ones.
    public var steps: Int
    /// Steps recorded from the agent's own transcript: calls of its own tools (`"outside": true`).
    public var outsideSteps: Int
    /// Sub-calls the agent's tools made (`launch --model`), one side branch each.
    public var subcalls: Int = 0
    /// Steps recorded by the sub-calls (their model turns and the steps of `rlm` sub-agents),
    /// included in `steps`.
    public var subcallSteps: Int = 0
    /// Wall time of the agent in seconds.
    public var seconds: Double
    /// The agent's standard output, as captured.
    public var stdout: String
    /// The agent's standard error, as captured.
    public var stderr: String
}
