import Foundation
import Models

extension RunEnvironment {
    /// One plain completion (no tools) as agent `scope`: charged to its ledger and recorded as
    /// a model turn. Throws the model's error, or a budget error when the scope is out.
    ///
    /// `role` picks the reply limit (`max_tokens`): `answer` (direct, rag, the coa manager),
    /// `subcall` (`llm`, `rlm` at the depth limit) or `worker` (coa workers).
    func complete(system: String = AgentPrompts.completionSystem, user: String, scope: AgentScope, turn: Int = 1,
                  role: String = "answer") async throws -> ModelResponse
    {
        if let stop = scope.ledger.exhausted() {
            throw RecursionError(.budget, "\(scope.path): \(stop.rawValue) — no budget left for a model call")
        }
        scope.ledger.chargeStep()
        let model = try models(scope.path)
        let limits = configuration.settings.replyTokens
        let maxTokens = switch role {
        case "subcall": limits.subcall
        case "worker": limits.worker
        default: limits.answer
        }
        let request = ModelRequest(messages: [.system(system), .user(user)], temperature: scope.temperature, maxTokens: maxTokens,
                                   seed: scope.seed)
        let response = try await model.complete(request)
        scope.ledger.charge(response.usage)
        noteUsage(response.usage, model: model.name)
        await recordModelTurn(scope: scope, turn: turn, request: request, newMessages: request.messages[...], response: response,
                              role: role)
        return response
    }

    /// A completion's reply as a caller reads it: everything but the `Confidence: NN` line.
    static func replyText(_ response: ModelResponse) -> String {
        response.text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("confidence:") }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A completion's answer: its text without the `Evidence: …` and `Confidence: NN` lines
    /// the completion prompt asks for.
    static func answerText(_ response: ModelResponse) -> String {
        response.text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                let lower = line.trimmingCharacters(in: .whitespaces).lowercased()
                return !lower.hasPrefix("evidence:") && !lower.hasPrefix("confidence:")
            }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
