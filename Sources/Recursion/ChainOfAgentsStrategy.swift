import Foundation
import Models

/// `coa`, chain of agents: workers read the corpus chunks in order, each turning the previous
/// worker's notes and its own chunk into new notes; a manager answers from the last notes.
public struct ChainOfAgentsStrategy: Strategy {
    /// `coa`.
    public let name = "coa"

    /// Creates the strategy.
    public init() {}

    public func run(question: String, environment: RunEnvironment, scope: AgentScope) async -> StrategyOutcome {
        do {
            let model = try environment.models(scope.path)
            let bytes = min(max(4_000, (model.contextWindowTokens / 2) * 4), 64_000)
            let chunks = CorpusChunker.chunks(try environment.corpus.documents(), bytes: bytes)
            var notes = "(none yet)"
            for (index, chunk) in chunks.enumerated() {
                let prompt = """
                You are worker \(index + 1) of \(chunks.count), reading a long text in order.
                Notes from the previous workers:
                \(notes)

                Update the notes with everything in your part that helps answer the question; keep what still matters.
                """
                let response = try await environment.complete(
                    user: AgentPrompts.completion(context: "\(prompt)\n\nYour part (\(chunk.path):\(chunk.startLine)):\n\(chunk.text)",
                                                  question: question, contextLabel: "Task"),
                    scope: scope, turn: index + 1, role: "worker")
                // The whole reply is the note passed on: its answer line and the evidence it quotes.
                notes = RunEnvironment.replyText(response)
            }
            let response = try await environment.complete(
                user: AgentPrompts.completion(context: notes, question: question, contextLabel: "Notes from the workers"),
                scope: scope, turn: chunks.count + 1)
            return StrategyOutcome(completion: response)
        } catch {
            return failure(error, environment: environment, scope: scope)
        }
    }
}
