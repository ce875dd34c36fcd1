import FSContext
import Foundation
import Models

/// The size of a request as the agent loop measured it before sending it.
struct PromptCount: Sendable {
    /// ≈ 4 bytes per token.
    var estimated: Int
    /// The server's own count (llama.cpp `/tokenize`), when it was asked and answered.
    var byServer: Int?
    /// The size compaction went by.
    var tokens: Int { byServer ?? estimated }
}

extension AgentLoop {
    /// The request for this turn, made to fit the context window. The request is counted (by
    /// the server's tokenizer when the estimate comes near the limit and the server has one,
    /// else at ≈ 4 bytes per token); past the limit, older observations shrink to one line each
    /// and, with `--compact summarize`, the oldest turns fold into a model-written summary.
    /// Each compaction is a commit (`kind: compaction`), so the audit shows what the model saw.
    func fittedRequest(_ conversation: inout AgentConversation, turn: Int, tools: [ToolSchema]) async -> (ModelRequest, PromptCount) {
        let settings = environment.configuration.settings
        let maxTokens = settings.replyTokens.agent
        let window = settings.contextWindow ?? model.contextWindowTokens
        let limit = max(256, Int(Double(window - maxTokens) * settings.compactAtFraction))
        func request(_ messages: [ChatMessage]) -> ModelRequest {
            ModelRequest(messages: messages, tools: tools, temperature: scope.temperature, maxTokens: maxTokens, seed: scope.seed)
        }
        var count = PromptCount(estimated: request(conversation.messages).estimatedPromptTokens)
        // Ask the server only when it matters: the estimate is past half the limit.
        if count.estimated * 2 > limit { count.byServer = await model.countPromptTokens(request(conversation.messages)) }
        guard count.tokens > limit, settings.compaction != .off else { return (request(conversation.messages), count) }

        // Scale later estimates by what the server counted, so "fits" means the same thing.
        let ratio = count.byServer.map { Double($0) / Double(max(1, count.estimated)) } ?? 1
        let fits = { (messages: [ChatMessage]) in Double(request(messages).estimatedPromptTokens) * ratio <= Double(limit) }
        // summarize: the oldest turns fold into a summary first; then lines, as far as needed.
        var summary: String?
        if settings.compaction == .summarize, let range = conversation.oldestTurns() {
            summary = await summarize(conversation.transcript(range), turn: turn, count: count)
            if let summary { _ = conversation.fold(range, summary: summary) }
        }
        let changed = conversation.compactObservations(keep: 1, until: fits)
        let after = request(conversation.messages).estimatedPromptTokens
        await environment.recordCompaction(
            scope: scope, turn: turn, count: count, limit: limit, window: window, replaced: changed,
            summary: summary, questionMessage: summary == nil ? nil : conversation.messages[1].content, estimatedAfter: after)
        return (request(conversation.messages), count)
    }

    /// A model-written summary of `transcript` (recorded as a model turn), or nil on failure.
    private func summarize(_ transcript: String, turn: Int, count: PromptCount) async -> String? {
        let settings = environment.configuration.settings
        let request = ModelRequest(
            messages: [.system(AgentPrompts.summarySystem), .user(transcript)], temperature: scope.temperature,
            maxTokens: settings.replyTokens.summary, seed: scope.seed)
        do {
            let response = try await model.complete(request)
            scope.ledger.charge(response.usage)
            environment.noteUsage(response.usage, model: model.name)
            await environment.recordModelTurn(scope: scope, turn: turn, request: request, newMessages: request.messages[...],
                                              response: response, role: "summary", count: count)
            let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        } catch {
            environment.noteError("\(scope.path) turn \(turn): the compaction summary failed: \(error)")
            return nil
        }
    }
}

extension AgentConversation {
    /// The one line an observation shrinks to: `[step 12: grep … → 340 lines, see git show 1a2b3c4]`.
    static func line(step: Int?, action: String, output: String, commit: GitOID?) -> String {
        let lines = output.isEmpty ? 0 : output.split(separator: "\n", omittingEmptySubsequences: false).count - (output.hasSuffix("\n") ? 1 : 0)
        let head = step.map { "step \($0)" } ?? "earlier step"
        let see = commit.map { ", see git show \($0.short)" } ?? ""
        return "[\(head): \(RunEnvironment.abbreviate(action)) → \(lines) line\(lines == 1 ? "" : "s")\(see)]"
    }
}
