import FSContext
import Foundation
import Models
import Shell

/// Sub-calls for an agent that runs its own loop outside fsctx — an MCP client such as Claude
/// Code or Codex working through `fsctx mcp --model`. The external agent takes the place of an
/// `rlm` run's root agent: its `sh` tool's `llm`, `llm --each` and `rlm` and its `python` tool's
/// `llm_query`, `llm_query_batched` and `rlm_query` go through the same `RecursiveSubCalls`, with
/// the same depth, width, sub-call and budget limits, each sub-call a branch from the run's main
/// branch merged back when it returns.
public final class ExternalSubCalls: Sendable {
    /// The handler to give the agent's `ShellSession`.
    public let handler: any SubCallHandler
    private let environment: RunEnvironment
    private let scope: AgentScope

    /// Sub-calls recorded into `recorder`'s run (the external agent's steps go on its main
    /// branch); `configuration` gives the budget, the reply limits and the options, `models`
    /// the model of each sub-call by agent path (`root/llm-…`, `root/rlm-…/…`).
    public init(configuration: RunConfiguration, corpus: RunCorpus, recorder: RunRecorder, models: @escaping ModelProvider) {
        environment = RunEnvironment(configuration: configuration, corpus: corpus, recorder: recorder, models: models)
        scope = environment.rootScope()
        handler = RecursiveSubCalls(environment: environment, parent: scope)
    }

    /// Tokens and cost of every sub-call so far (the whole sub-call tree).
    public var usage: TokenUsage { scope.ledger.usage }

    /// Usage per model name, as `answer.json`'s `usageByModel`; nil before any call.
    public var usageByModel: [String: TokenUsage]? {
        let byModel = environment.usageByModel
        return byModel.isEmpty ? nil : byModel
    }

    /// Sub-calls made so far (each file of `llm --each` counts).
    public var subcallsMade: Int { environment.subcallsMade }

    /// The deepest sub-call level reached (0: none yet).
    public var deepest: Int { environment.deepest }

    /// The last error a sub-call noted (a failed model call, a recording problem), if any.
    public var lastError: String? { environment.lastError }
}
