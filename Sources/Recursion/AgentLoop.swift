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
        let settings = environment.configuration.settings
        let mode = environment.configuration.options.toolMode
        let tools = mode == .functions ? AgentPrompts.tools : []
        var conversation = AgentConversation(system: system, question: AgentPrompts.question(question))
        var outcome = AgentOutcome(answer: nil, stopReason: .noAnswer, confidences: [], answerConfidence: nil, usage: .zero)
        var stuck = StuckDetector(repeats: settings.stuckRepeats, turnsWithoutAction: settings.stuckTurnsWithoutAction)
        var errors = 0, turn = 0
        var lastResponseAt: Date?
        while true {
            if let stop = scope.ledger.exhausted() { outcome.stopReason = stop; break }
            if errors >= scope.ledger.budget.maxConsecutiveErrors { outcome.stopReason = .tooManyErrors; break }
            turn += 1
            scope.ledger.chargeStep()
            let (request, count) = await fittedRequest(&conversation, turn: turn, tools: tools)
            // Time outside the model since its last reply: recording + tool runs (audit figure).
            let harnessSeconds = lastResponseAt.map { Date().timeIntervalSince($0) }
            var response: ModelResponse
            do {
                response = try await model.complete(request)
                lastResponseAt = Date()
                // ν of this turn: a tool's `confidence` argument, else a `Confidence: NN` line.
                if response.confidence == nil {
                    response.confidence = VerbalizedConfidence.parse(text: response.text, toolCalls: response.toolCalls)
                }
            } catch {
                environment.noteError("\(scope.path) turn \(turn): \(error)")
                if Task.isCancelled { outcome.stopReason = .interrupted; break }
                if let modelError = error as? ModelError, modelError.endsRun { outcome.stopReason = .modelError; break }
                errors += 1
                if errors >= scope.ledger.budget.maxConsecutiveErrors { outcome.stopReason = .modelError; break }
                continue
            }
            scope.ledger.charge(response.usage)
            environment.noteUsage(response.usage, model: model.name)
            outcome.usage += response.usage
            outcome.confidences.append(response.confidence)
            await environment.recordModelTurn(scope: scope, turn: turn, request: request,
                                              newMessages: conversation.messages[conversation.recordedUpTo...], response: response,
                                              harnessSeconds: harnessSeconds, count: count)
            conversation.append(response.message)
            conversation.recordedUpTo = conversation.messages.count

            let actions = AgentAction.parse(response, mode: mode)
            if actions.isEmpty {
                if stuck.noteTurnWithoutAction() {
                    environment.noteError("\(scope.path): stuck: \(stuck.reason(idle: true))")
                    outcome.stopReason = .stuck
                    break
                }
                errors += 1
                conversation.append(.user(AgentPrompts.nudge(response, mode: mode, maxTokens: request.maxTokens)))
                continue
            }
            var repeated = false
            for action in actions {
                scope.ledger.chargeStep()
                environment.noteStep()
                let result = await action.perform(in: session, turn: turn, agent: scope.path)
                var observation = action.observation(result.output, status: result.exitStatus, mode: mode)
                if let low = scope.ledger.lowBudgetLine() { observation.content += "\n" + low }
                conversation.appendObservation(observation, line: AgentConversation.line(
                    step: result.recordedStep, action: action.signature, output: result.output, commit: result.recordedCommit))
                errors = Self.failed(result) ? errors + 1 : 0
                if stuck.noteAction(action.signature, observation: result.output) { repeated = true }
                if let answer = result.answer {
                    outcome.answer = answer
                    outcome.answerConfidence = result.answerConfidence ?? outcome.confidences.last ?? nil
                    if outcome.confidences.last == .some(nil) { outcome.confidences[outcome.confidences.count - 1] = result.answerConfidence }
                }
            }
            if outcome.answer != nil { outcome.stopReason = .answered; break }
            if repeated && errors < scope.ledger.budget.maxConsecutiveErrors {
                environment.noteError("\(scope.path): stuck: \(stuck.reason(idle: false))")
                outcome.stopReason = .stuck
                break
            }
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
    /// Errors that another try cannot fix: configuration, authentication, a replay that diverged,
    /// a timed-out request the server may still be working on (another would queue behind it).
    var endsRun: Bool {
        if code == .timeout && !isRetryable { return true }
        return switch code {
        case .badSpec, .badConfiguration, .unauthorized, .badRequest, .replayMismatch, .cancelled: true
        default: false
        }
    }
}
