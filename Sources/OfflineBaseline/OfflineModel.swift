import Foundation
import Models

/// The embedded default model: no network, deterministic for a seed — a **lexical baseline**,
/// not a language model. It reads the question, extracts key terms (quoted phrases,
/// identifiers, numbers, names, rare words), searches with the same tools an LLM would, reads
/// around hits, extracts the answer span after the key phrase, and states a confidence.
/// Different seeds vary the plan (term order, whole-word matching), so self-consistency over
/// candidates means something, while a good plan converges on the same answer.
///
/// Conventions the prompts must follow (the Recursion layer writes them):
/// - **Question**: the last line(s) of the first user message starting with `Question:` (up to
///   a blank line); otherwise the whole first user message.
/// - **`sh` tool offered** (arguments `{"program": "..."}`): it calls `sh` with programs like
///   `grep -rn -i -F -e 'term' . | head -40` and `read 'docs/0003-x.txt' 120 140`, and ends with
///   `sh` `answer --confidence NN 'the answer'` — or with the `answer` tool when one is offered. grep output is parsed as GNU `path:line:text` (context lines
///   `path-line-text`, `--` separators); `read` output as numbered lines (`120\ttext`,
///   `120: text` or `120 | text`).
/// - **`answer` tool offered, no `sh`**: it scans the prompt and calls `answer` with
///   `{"answer": "...", "confidence": NN}`.
/// - **No tools, system prompt mentions fenced blocks**: it replies with one ```sh block
///   (the next user message is taken as that program's output); the final block is
///   `answer --confidence NN '…'`.
/// - Every reply, intermediate steps included, ends with a `Confidence: NN` line and sets
///   `ModelResponse.confidence` (how promising the plan looks; the answer's confidence at the end).
/// - **No tools otherwise** (`direct`, `rag`, `llm` sub-calls): it scans the prompt text and
///   replies `the answer`, then the lines it came from as `Evidence: …` lines, then a
///   `Confidence: NN` line.
///
/// Code questions (which file defines a type, a function's parameters, how many cases an enum
/// has) are answered from the declaration found with `grep -rn -E` and the lines read after it.
///
/// Usage counts ≈ 4 characters per token; the cost is a known $0.
public struct OfflineModel: LanguageModel {
    /// `offline` or `offline:seed=N`.
    public var name: String { ModelSpec.offline(seed: seed).description }
    /// The plan seed; `ModelRequest.seed` overrides it per request.
    public let seed: Int
    /// Treated as large: the baseline scans whatever it is given.
    public let contextWindowTokens: Int
    /// Most tool steps before it answers with what it has.
    public let maxSteps: Int

    /// Creates the offline model.
    public init(seed: Int = 0, maxSteps: Int = 12, contextWindowTokens: Int = 1_000_000) {
        self.seed = seed
        self.maxSteps = maxSteps
        self.contextWindowTokens = contextWindowTokens
    }

    /// Decides the next step from the conversation; never touches the network.
    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        try Task.checkCancellation()
        let started = Date()
        let transcript = OfflineTranscript(request)
        let planner = OfflinePlanner(analysis: QuestionAnalysis(transcript.question), seed: request.seed ?? seed, maxSteps: maxSteps)
        let canSearch = transcript.mode == .shTool || transcript.mode == .fenced
        let decision = if canSearch, let code = CodeQuestion(transcript.question), transcript.actions.count < maxSteps {
            CodePlanner(question: code).decide(transcript)
        } else {
            planner.decide(transcript, canSearch: canSearch)
        }
        var response = render(Self.rounded(decision), transcript: transcript, step: transcript.actions.count + 1)
        response.usage = Self.usage(request: request, response: response)
        response.latencySeconds = Date().timeIntervalSince(started)
        return response
    }

    private func render(_ decision: OfflinePlanner.Decision, transcript: OfflineTranscript, step: Int) -> ModelResponse {
        switch decision {
        case .run(let program, let note, let confidence):
            let sentence = note.prefix(1).uppercased() + note.dropFirst() + "."
            if transcript.mode == .fenced {
                return response("\(sentence)\n```sh\n\(program)\n```\nConfidence: \(Int(confidence))", [], .stop, confidence)
            }
            return response("\(sentence)\nConfidence: \(Int(confidence))",
                            [ToolCall(id: "call_\(step)", name: "sh", arguments: ["program": .string(program)])], .toolCalls, confidence)
        case .answer(let text, let confidence, let evidence):
            let program = "answer --confidence \(Int(confidence)) \(OfflinePlanner.quote(text))"
            if transcript.hasAnswerTool {
                return response("Confidence: \(Int(confidence))", [ToolCall(id: "call_\(step)", name: "answer",
                                arguments: ["answer": .string(text), "confidence": .number(confidence)])], .toolCalls, confidence)
            }
            switch transcript.mode {
            case .shTool:
                return response("Confidence: \(Int(confidence))",
                                [ToolCall(id: "call_\(step)", name: "sh", arguments: ["program": .string(program)])], .toolCalls, confidence)
            case .fenced:
                return response("```sh\n\(program)\n```\nConfidence: \(Int(confidence))", [], .stop, confidence)
            case .answerTool, .direct:
                // The answer line first, then the lines it came from (so a reader — or the next
                // worker of a chain — can check it), then the confidence.
                let quoted = evidence.prefix(3).map { "Evidence: " + $0.trimmingCharacters(in: .whitespaces) }
                let body = ([text] + (quoted.isEmpty ? [] : [""] + quoted)).joined(separator: "\n")
                return response("\(body)\n\nConfidence: \(Int(confidence))", [], .stop, confidence)
            }
        }
    }

    /// The decision with its confidence a whole number in [1, 100], as it is stated in text.
    private static func rounded(_ decision: OfflinePlanner.Decision) -> OfflinePlanner.Decision {
        let clamp = { (value: Double) in min(100, max(1, value.rounded())) }
        switch decision {
        case .run(let program, let note, let confidence): return .run(program: program, note: note, confidence: clamp(confidence))
        case .answer(let text, let confidence, let evidence): return .answer(text: text, confidence: clamp(confidence), evidence: evidence)
        }
    }

    private func response(_ text: String, _ calls: [ToolCall], _ finish: FinishReason, _ confidence: Double?) -> ModelResponse {
        ModelResponse(text: text, toolCalls: calls, usage: .zero, finishReason: finish, latencySeconds: 0,
                      confidence: confidence, model: name)
    }

    /// Approximate usage: 4 bytes of UTF-8 (4 characters of English) ≈ 1 token; cost a known $0.
    static func usage(request: ModelRequest, response: ModelResponse) -> TokenUsage {
        let promptChars = request.messages.reduce(0) { total, message in
            total + message.content.utf8.count + message.toolCalls.reduce(0) { $0 + $1.argumentsText.utf8.count + $1.name.utf8.count }
        } + request.tools.reduce(0) { $0 + $1.name.utf8.count + $1.description.utf8.count + $1.parameters.jsonText.utf8.count }
        let completionChars = response.text.utf8.count + response.toolCalls.reduce(0) { $0 + $1.argumentsText.utf8.count + $1.name.utf8.count }
        return TokenUsage(promptTokens: (promptChars + 3) / 4, completionTokens: (completionChars + 3) / 4, costUSD: 0)
    }
}
