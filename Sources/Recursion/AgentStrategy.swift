import Foundation

/// `agent`: a coding agent over the file system with the Shell, no sub-calls.
public struct AgentStrategy: Strategy {
    /// `agent`.
    public let name = "agent"

    /// Creates the strategy.
    public init() {}

    public func run(question: String, environment: RunEnvironment, scope: AgentScope) async -> StrategyOutcome {
        await runAgent(question: question, environment: environment, scope: scope, subcalls: false)
    }
}

/// `rlm`: the agent plus the Shell's `llm` and `rlm` sub-call builtins, with a depth limit,
/// a width limit and child budgets carved from what the parent has left.
public struct RLMStrategy: Strategy {
    /// `rlm`.
    public let name = "rlm"

    /// Creates the strategy.
    public init() {}

    public func run(question: String, environment: RunEnvironment, scope: AgentScope) async -> StrategyOutcome {
        await runAgent(question: question, environment: environment, scope: scope, subcalls: true)
    }
}

/// Runs one file-system agent as `scope`, with or without sub-calls.
func runAgent(question: String, environment: RunEnvironment, scope: AgentScope, subcalls: Bool) async -> StrategyOutcome {
    environment.noteDepth(scope.depth)
    let options = environment.configuration.options
    do {
        let model = try environment.models(scope.path)
        let handler = subcalls ? RecursiveSubCalls(environment: environment, parent: scope) : nil
        let session = try environment.makeSession(for: scope, subcalls: handler)
        let system = AgentPrompts.agentSystem(
            index: environment.corpus.indexSummary(), subcalls: subcalls, toolMode: options.toolMode, depth: scope.depth)
        let loop = AgentLoop(environment: environment, scope: scope, session: session, model: model, system: system)
        let outcome = await loop.run(question: question)
        return StrategyOutcome(answer: outcome.answer, stopReason: outcome.stopReason, confidences: outcome.confidences,
                               answerConfidence: outcome.answerConfidence, ownUsage: outcome.usage)
    } catch {
        environment.noteError("\(scope.path): \(error)")
        return StrategyOutcome(answer: nil, stopReason: .modelError)
    }
}
