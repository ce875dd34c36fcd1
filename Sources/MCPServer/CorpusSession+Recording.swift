import FSContext
import Foundation
import Models
import Recursion
import Shell

extension CorpusSession {
    /// Writes `run.json` (strategy `mcp`, model `mcp-client:<client name and version>`)
    /// before the first step of a run this session created. With sub-calls it holds their
    /// budget, and their model as `modelSettings.subModel`.
    func startRunIfNeeded() async -> MCPServerError? {
        guard !runStarted, let recorder, let runID, let corpusCommit else { return nil }
        runStarted = true
        let model = "mcp-client:\(client)"
        var settings = subCallOptions?.settings
        if let subCallOptions, settings?.subModel == nil { settings?.subModel = subCallOptions.model }
        let configuration = RunConfiguration(
            id: runID, strategy: "mcp", model: model, question: question, corpusCommit: corpusCommit,
            budget: subCallOptions?.budget ?? RunBudget(), options: StrategyOptions(maxOutputBytes: maxOutputBytes),
            modelSettings: settings)
        do {
            try await RunRecordWriter.commit(
                ["run.json": RunRecordWriter.json(configuration)], with: recorder,
                message: "run \(runID): mcp session with \(model)",
                trailers: ["Fsctx-Kind": "run", "Fsctx-Strategy": "mcp", "Fsctx-Model": model])
            return nil
        } catch {
            return error as? MCPServerError ?? MCPServerError(.recording, wrapping: error)
        }
    }

    /// Writes `answer.json`: the answer so far, `answered` or `no_answer`, the step count and
    /// the session's wall time. The client's tokens and cost are unknown to the server; with
    /// sub-calls, `usage` is theirs (the whole sub-call tree), with their count and depth.
    func writeAnswer() async -> MCPServerError? {
        guard let recorder, let runID else { return nil }
        do { try await recorder.flush() } catch { return MCPServerError(.recording, wrapping: error) }  // the step count reads the ref
        let stop: StopReason = answer == nil ? .noAnswer : .answered
        var outcome = RunOutcome(
            runID: runID, answer: answer, stopReason: stop, usage: subCalls?.usage ?? TokenUsage(costUSD: nil, calls: 0),
            steps: RunRecordWriter.stepCount(repository: recorder.repository, runID: runID), depth: subCalls?.deepest ?? 0,
            seconds: Date().timeIntervalSince(started))
        if let subCalls {
            outcome.subcalls = subCalls.subcallsMade
            outcome.usageByModel = subCalls.usageByModel
        }
        do {
            try await RunRecordWriter.commit(
                ["answer.json": RunRecordWriter.json(outcome)], with: recorder,
                message: "answer \(runID) (\(stop.rawValue)): \(RunRecordWriter.abbreviate(answer ?? "no answer"))",
                trailers: ["Fsctx-Kind": "answer", "Fsctx-Stop": stop.rawValue])
            answerWritten = true
            callsSinceAnswer = 0
            return nil
        } catch {
            return error as? MCPServerError ?? MCPServerError(.recording, wrapping: error)
        }
    }

    /// A call the catalog refused (unknown tool, missing or mistyped argument) is still a step
    /// of the run, so the record shows what the client tried.
    func recordMalformedCall(name: String, arguments: JSONValue, message: String, extra: [String: JSONValue]) async -> ShellResult {
        let output = "fsctx-sh: \(message)\n"
        var result = ShellResult(output: output, exitStatus: 2)
        guard let recorder else { return result }
        let step = ShellStepRecord(
            program: "\(name) \(arguments.jsonText)", output: output, exitStatus: 2, durationSeconds: 0,
            startedAt: Date().timeIntervalSince1970, tools: [name], extra: extra)
        do {
            result.recordedCommit = try await recorder.recordStep(step).commit
        } catch {
            result.output += "fsctx-sh: warning: this step was not recorded: \(error)\n"
        }
        return result
    }

    /// The MCP reply for a Shell result. Status 0 is success; status 1 of `grep` (no match)
    /// is an answer, not an error; anything else is an error, `sh` included (its status is appended).
    static func reply(tool: String, result: ShellResult, runID: String?, warning: String) -> ToolReply {
        let status = result.exitStatus
        let isError = !(status == 0 || (status == 1 && tool == "grep"))
        var text = result.output
        if text.isEmpty {
            text = switch tool {
            case "grep" where status == 1: "(no matches)\n"
            case "answer" where result.answer != nil: "Answer recorded\(runID.map { " in run \($0)" } ?? "").\n"
            default: "(no output)\n"
            }
        }
        if tool == "sh" && status != 0 { text += "[exit status \(status)]\n" }
        return ToolReply(text: warning + text, isError: isError, exitStatus: status, recordedCommit: result.recordedCommit)
    }
}
