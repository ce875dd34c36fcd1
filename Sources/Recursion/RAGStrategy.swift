import Foundation
import Models

/// `rag`: lexical retrieval (BM25) of the top-k chunks, then one answer — retrieve-then-read.
public struct RAGStrategy: Strategy {
    /// `rag`.
    public let name = "rag"

    /// Creates the strategy.
    public init() {}

    public func run(question: String, environment: RunEnvironment, scope: AgentScope) async -> StrategyOutcome {
        do {
            let options = self.options(in: environment)
            let index = BM25Index(chunks: CorpusChunker.chunks(try environment.corpus.documents(), bytes: options.chunkBytes))
            let hits = index.search(question, k: options.topK)
            let context = hits.isEmpty
                ? "(retrieval found no chunk sharing a term with the question)"
                : hits.map { "[\($0.chunk.path):\($0.chunk.startLine)]\n\($0.chunk.text)" }.joined(separator: "\n")
            let response = try await environment.complete(
                user: AgentPrompts.completion(context: context, question: question, contextLabel: "Retrieved passages"), scope: scope)
            return StrategyOutcome(completion: response)
        } catch {
            return failure(error, environment: environment, scope: scope)
        }
    }
}
