import Foundation
import Models

extension RunEnvironment {
    /// One plain completion (no tools) as agent `scope`: charged to its ledger and recorded as
    /// a model turn. Throws the model's error, or a budget error when the scope is out.
    func complete(system: String = AgentPrompts.completionSystem, user: String, scope: AgentScope, turn: Int = 1)
        async throws -> ModelResponse
    {
        if let stop = scope.ledger.exhausted() {
            throw RecursionError(.budget, "\(scope.path): \(stop.rawValue) — no budget left for a model call")
        }
        scope.ledger.chargeStep()
        let model = try models(scope.path)
        let request = ModelRequest(messages: [.system(system), .user(user)], temperature: scope.temperature, seed: scope.seed)
        let response = try await model.complete(request)
        scope.ledger.charge(response.usage)
        await recordModelTurn(scope: scope, turn: turn, request: request, newMessages: request.messages[...], response: response)
        return response
    }

    /// A completion's text without its trailing `Confidence: NN` line.
    static func answerText(_ response: ModelResponse) -> String {
        var lines = response.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last,
              last.trimmingCharacters(in: .whitespaces).isEmpty || last.lowercased().hasPrefix("confidence:") {
            lines.removeLast()
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
