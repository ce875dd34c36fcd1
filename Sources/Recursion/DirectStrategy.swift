import Foundation
import Models

/// `direct`: the whole corpus, cut to the model's window, in one prompt — the base model.
public struct DirectStrategy: Strategy {
    /// `direct`.
    public let name = "direct"

    /// Creates the strategy.
    public init() {}

    public func run(question: String, environment: RunEnvironment, scope: AgentScope) async -> StrategyOutcome {
        do {
            let model = try environment.models(scope.path)
            // ≈ 4 bytes per token; keep room for the question, instructions and the answer.
            let room = max(4_000, (model.contextWindowTokens - 2_000) * 4)
            var context = ""
            var included = 0
            let documents = try environment.corpus.documents()
            for document in documents {
                let block = "=== \(document.path) ===\n\(document.text)\n"
                if context.utf8.count + block.utf8.count > room {
                    let left = room - context.utf8.count
                    if left > 200 { context += String(decoding: block.utf8.prefix(left), as: UTF8.self) }
                    context += "\n[cut to the model's window: \(documents.count - included) of \(documents.count) files not shown in full]\n"
                    break
                }
                context += block
                included += 1
            }
            let response = try await environment.complete(user: AgentPrompts.completion(context: context, question: question), scope: scope)
            return StrategyOutcome(completion: response)
        } catch {
            return failure(error, environment: environment, scope: scope)
        }
    }
}

/// The outcome of a strategy that failed with `error`: budget, interruption or model error.
func failure(_ error: Error, environment: RunEnvironment, scope: AgentScope) -> StrategyOutcome {
    environment.noteError("\(scope.path): \(error)")
    if Task.isCancelled { return StrategyOutcome(answer: nil, stopReason: .interrupted) }
    if let stop = scope.ledger.exhausted() { return StrategyOutcome(answer: nil, stopReason: stop) }
    return StrategyOutcome(answer: nil, stopReason: .modelError)
}
