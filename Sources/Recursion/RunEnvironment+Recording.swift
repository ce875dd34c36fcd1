import FSContext
import Foundation
import Models
import Shell

extension RunEnvironment {
    /// Records one model turn of an agent as `steps/NNNN.json` (kind `model`): the request's
    /// fingerprint and the messages new since the agent's previous turn, and the response
    /// verbatim — what `fsctx replay` feeds back — and the non-model time of the agent's
    /// previous step (`harness_seconds_before`). Recording failures are noted, not thrown:
    /// the run goes on, and the error shows in `answer.json`.
    func recordModelTurn(
        scope: AgentScope, turn: Int, request: ModelRequest, newMessages: ArraySlice<ChatMessage>, response: ModelResponse,
        harnessSeconds: Double? = nil
    ) async {
        noteStep()
        let number = await recorder.takeStepNumber()
        var object: [String: JSONValue] = [
            "step": .number(Double(number)),
            "kind": "model",
            "agent": .string(scope.path),
            "depth": .number(Double(scope.depth)),
            "turn": .number(Double(turn)),
            "request_fingerprint": .string(request.fingerprint),
            "request_summary": .string(request.summary),
            "new_messages": .encoding(Array(newMessages)),
            "response": .encoding(response),
        ]
        if turn == 1 { object["tools"] = .array(request.tools.map { .string($0.name) }) }
        if let temperature = request.temperature { object["temperature"] = .number(temperature) }
        if let seed = request.seed { object["seed"] = .number(Double(seed)) }
        // Non-model time of the agent's previous step (recording its turn, running its tools).
        if let harnessSeconds { object["harness_seconds_before"] = .number(harnessSeconds) }
        var trailers = [
            "Fsctx-Step": "\(number)",
            "Fsctx-Kind": "model",
            "Fsctx-Agent": scope.path,
            "Fsctx-Tokens-Prompt": "\(response.usage.promptTokens)",
            "Fsctx-Tokens-Completion": "\(response.usage.completionTokens)",
        ]
        if let confidence = response.confidence { trailers["Fsctx-Confidence"] = String(format: "%g", confidence) }
        let action = response.toolCalls.first.map { call in
            call.name == "sh" ? (call.stringArgument("program") ?? call.argumentsText) : "\(call.name) \(call.argumentsText)"
        } ?? response.text
        let line = "step \(number) model \(scope.path) turn \(turn): \(Self.abbreviate(action))"
        do {
            try await recorder.commit(
                on: scope.branch, files: [String(format: "steps/%04d.json", number): Array(JSONValue.object(object).prettyText.utf8)],
                message: line, trailers: trailers)
        } catch {
            noteError("recording failed: \(error)")
        }
    }

    /// One line of at most 72 characters.
    static func abbreviate(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return flat.count <= 72 ? flat : String(flat.prefix(71)) + "…"
    }
}
