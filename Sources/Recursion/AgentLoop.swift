import FSContext
import Foundation
import Models
import Shell

/// What one agent ended with.
public struct AgentOutcome: Sendable {
    /// Its answer (partial when a budget stopped it), or nil.
    public var answer: String?
    /// Why it stopped.
    public var stopReason: StopReason
    /// The verbalized confidence ν of each of its model turns, in order; nil for a turn that
    /// stated none. The answering turn's ν is its own or, when it stated none, the answer's
    /// (`answer --confidence N`) — counted once either way.
    public var confidences: [Double?]
    /// The ν given with the final answer, when there was one.
    public var answerConfidence: Double?
    /// Its own model usage (sub-calls are in the ledger, not here).
    public var usage: TokenUsage
}

/// The agent loop: ask the model, run its actions in the shell, show it the output, until it
/// answers or a budget ends it. A malformed tool call or a failing program is an observation
/// for the model, never a crash.
struct AgentLoop {
    let environment: RunEnvironment
    let scope: AgentScope
    let session: ShellSession
    let model: any LanguageModel
    let system: String

    func run(question: String) async -> AgentOutcome {
        let mode = environment.configuration.options.toolMode
        var messages: [ChatMessage] = [.system(system), .user(AgentPrompts.question(question))]
        var outcome = AgentOutcome(answer: nil, stopReason: .noAnswer, confidences: [], answerConfidence: nil, usage: .zero)
        var errors = 0, turn = 0, recordedUpTo = 0
        var lastResponseAt: Date?
        while true {
            if let stop = scope.ledger.exhausted() { outcome.stopReason = stop; break }
            if errors >= scope.ledger.budget.maxConsecutiveErrors { outcome.stopReason = .tooManyErrors; break }
            turn += 1
            scope.ledger.chargeStep()
            let request = ModelRequest(messages: messages, tools: mode == .functions ? AgentPrompts.tools : [],
                                       temperature: scope.temperature, seed: scope.seed)
            // Time outside the model since its last reply: recording + tool runs (audit figure).
            let harnessSeconds = lastResponseAt.map { Date().timeIntervalSince($0) }
            let response: ModelResponse
            do {
                response = try await model.complete(request)
                lastResponseAt = Date()
            } catch {
                environment.noteError("\(scope.path) turn \(turn): \(error)")
                if Task.isCancelled { outcome.stopReason = .interrupted; break }
                if let modelError = error as? ModelError, modelError.endsRun { outcome.stopReason = .modelError; break }
                errors += 1
                if errors >= scope.ledger.budget.maxConsecutiveErrors { outcome.stopReason = .modelError; break }
                continue
            }
            scope.ledger.charge(response.usage)
            outcome.usage += response.usage
            outcome.confidences.append(response.confidence ?? VerbalizedConfidence.parse(response.text))
            await environment.recordModelTurn(scope: scope, turn: turn, request: request,
                                              newMessages: messages[recordedUpTo...], response: response,
                                              harnessSeconds: harnessSeconds)
            messages.append(response.message)
            recordedUpTo = messages.count

            let actions = AgentAction.parse(response, mode: mode)
            if actions.isEmpty {
                errors += 1
                let nudge = mode == .functions
                    ? "No tool was called. Use the tools to search the corpus, or call `answer` with your final answer."
                    : "No ```sh block found. Write one program in a fenced ```sh block, or run `answer 'text'` in one."
                messages.append(.user(nudge))
                continue
            }
            for action in actions {
                scope.ledger.chargeStep()
                environment.noteStep()
                let result = await action.perform(in: session, turn: turn, agent: scope.path)
                messages.append(action.observation(result.output, status: result.exitStatus, mode: mode))
                errors = Self.failed(result) ? errors + 1 : 0
                if let answer = result.answer {
                    outcome.answer = answer
                    outcome.answerConfidence = result.answerConfidence ?? outcome.confidences.last ?? nil
                    if outcome.confidences.last == .some(nil) { outcome.confidences[outcome.confidences.count - 1] = result.answerConfidence }
                }
            }
            if outcome.answer != nil { outcome.stopReason = .answered; break }
        }
        if outcome.answer == nil, let partial = await session.answer { outcome.answer = partial }
        return outcome
    }
}

extension AgentLoop {
    /// Whether a program failed. Status 1 alone is "no match" for grep and friends — an
    /// answer, not an error — unless a command also complained (`cat: x: No such file…`).
    static func failed(_ result: ShellResult) -> Bool {
        if result.exitStatus == 0 { return false }
        if result.exitStatus > 1 { return true }
        return result.output.split(separator: "\n").contains { line in
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return false }
            return line[..<colon].allSatisfy { $0.isLetter || $0 == "-" } && line[colon...].hasPrefix(": ")
        }
    }
}

extension ModelError {
    /// Errors that another try cannot fix: configuration, authentication, a replay that diverged.
    var endsRun: Bool {
        switch code {
        case .badSpec, .badConfiguration, .unauthorized, .badRequest, .replayMismatch, .cancelled: true
        default: false
        }
    }
}
