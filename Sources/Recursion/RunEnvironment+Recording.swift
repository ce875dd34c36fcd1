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
    ///
    /// Also recorded: `role` (what the call was for: `agent`, `answer`, `subcall`, `worker`,
    /// `summary`), `max_tokens`, `cut_at_max_tokens` when the reply stopped at that limit,
    /// `warning` for an empty reply, the prompt size as counted before the call, and
    /// `confidence`, the turn's verbalized confidence ν (from a tool's `confidence` argument or
    /// a `Confidence: NN` line), when it stated one.
    func recordModelTurn(
        scope: AgentScope, turn: Int, request: ModelRequest, newMessages: ArraySlice<ChatMessage>, response: ModelResponse,
        harnessSeconds: Double? = nil, role: String = "agent", count: PromptCount? = nil
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
        object["role"] = .string(role)
        object["model"] = .string(response.model)
        if let maxTokens = request.maxTokens { object["max_tokens"] = .number(Double(maxTokens)) }
        if response.finishReason == .length { object["cut_at_max_tokens"] = true }
        if let warning = Self.warning(response) {
            object["warning"] = .string(warning)
            noteWarning("\(scope.path) turn \(turn): \(warning)")
        }
        if let confidence = response.confidence { object["confidence"] = .number(confidence) }
        if let count {
            object["prompt_tokens_estimated"] = .number(Double(count.estimated))
            if let byServer = count.byServer { object["prompt_tokens_counted_by_server"] = .number(Double(byServer)) }
        }
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
        if response.finishReason != .stop { trailers["Fsctx-Finish"] = response.finishReason.rawValue }
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

    /// What is wrong with a reply that is not an error: empty, or cut at `max_tokens`.
    static func warning(_ response: ModelResponse) -> String? {
        let empty = response.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && response.toolCalls.isEmpty
        switch (empty, response.finishReason) {
        case (true, .length): return "empty reply, cut at max_tokens (the model produced nothing visible)"
        case (true, _): return "empty reply (finish reason \(response.finishReason.rawValue))"
        case (false, .length): return "reply cut at max_tokens"
        default: return nil
        }
    }

    /// Records a compaction of `scope`'s conversation before `turn` as `steps/NNNN.json`
    /// (kind `compaction`): the size that triggered it, the message indexes replaced and their
    /// new text, and the summary when the oldest turns were folded into the question message.
    func recordCompaction(
        scope: AgentScope, turn: Int, count: PromptCount, limit: Int, window: Int, replaced: [Int: String],
        summary: String?, questionMessage: String?, estimatedAfter: Int
    ) async {
        noteStep()
        let number = await recorder.takeStepNumber()
        var object: [String: JSONValue] = [
            "step": .number(Double(number)), "kind": "compaction", "agent": .string(scope.path), "turn": .number(Double(turn)),
            "context_window": .number(Double(window)), "limit_tokens": .number(Double(limit)),
            "prompt_tokens_estimated": .number(Double(count.estimated)),
            "counted_by": .string(count.byServer == nil ? "estimate (about 4 bytes per token)" : "server tokenizer"),
            "replaced_messages": .array(replaced.keys.sorted().map { ["index": .number(Double($0)), "content": .string(replaced[$0]!)] }),
            "prompt_tokens_estimated_after": .number(Double(estimatedAfter)),
        ]
        if let byServer = count.byServer { object["prompt_tokens_counted_by_server"] = .number(Double(byServer)) }
        if let summary { object["summary"] = .string(summary) }
        if let questionMessage { object["question_message"] = .string(questionMessage) }
        let line = "step \(number) compaction \(scope.path) turn \(turn): \(count.tokens) tokens > \(limit)"
            + " → \(replaced.count) observation\(replaced.count == 1 ? "" : "s") to one line" + (summary == nil ? "" : ", oldest turns summarized")
        do {
            try await recorder.commit(
                on: scope.branch, files: [String(format: "steps/%04d.json", number): Array(JSONValue.object(object).prettyText.utf8)],
                message: line, trailers: ["Fsctx-Step": "\(number)", "Fsctx-Kind": "compaction", "Fsctx-Agent": scope.path])
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
