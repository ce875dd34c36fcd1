import Foundation
import Recursion

/// Model sub-calls for an MCP session (`fsctx mcp --model SPEC`): the client's `sh` tool may run
/// `llm`, `llm --each` and `rlm`, and its `python` tool `llm_query`, `llm_query_batched` and
/// `rlm_query`, as an `rlm` run's root agent does — with the same depth, width, sub-call and
/// budget limits, each sub-call recorded as a branch of the session's run and merged back.
public struct MCPSubCallOptions: Sendable {
    /// The model spec as given (`openai:gpt-4o-mini`), for `run.json`.
    public var model: String
    /// The model of each sub-call by agent path (`root/llm-…`, `root/rlm-…/…`).
    public var models: ModelProvider
    /// The limits of the sub-call tree: depth, width, sub-calls, tokens, dollars, time, and the
    /// steps of each `rlm` sub-agent.
    public var budget: RunBudget
    /// Reply limits, compaction, the sub-call model and stuck detection for the sub-calls.
    public var settings: RunModelSettings

    /// Creates options.
    public init(model: String, models: @escaping ModelProvider, budget: RunBudget = RunBudget(),
                settings: RunModelSettings = RunModelSettings()) {
        self.model = model
        self.models = models
        self.budget = budget
        self.settings = settings
    }
}
