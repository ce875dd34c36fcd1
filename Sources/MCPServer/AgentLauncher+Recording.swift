import FSContext
import Foundation
import Models
import Recursion

extension AgentLauncher {
    /// What `launch/launch.json` holds.
    struct LaunchRecord: Encodable {
        var command: [String]
        var exitStatus: Int32?
        var timedOut: Bool
        var seconds: Double
        var answerSource: String?
        var agentResult: AgentResult?
        var error: String?
        /// The agent's own transcript file (Claude's session JSONL, Codex's rollout), if found.
        var transcript: String?
        /// Steps recorded from that transcript: calls of the agent's own tools (`outside`).
        var outsideSteps: Int
    }

    /// Writes the end of a launch run: the transcript, `launch/launch.json` and `answer.json`.
    /// The answer is what the agent gave with the `answer` tool (the server recorded it in
    /// `answer.json`), else the `result` it printed; cost, tokens and turns come from its
    /// printed result.
    @discardableResult
    static func record(
        runID: String, corpus: RunCorpus, command: [String], finished: AgentProcess.Finished?, launchError: String?,
        interrupted: Bool = false, transcript: URL? = nil, outsideSteps: Int = 0
    ) async throws -> LaunchOutcome {
        let stdout = String(decoding: finished?.stdout ?? Data(), as: UTF8.self)
        let stderr = String(decoding: finished?.stderr ?? Data(), as: UTF8.self)
        let agentResult = AgentResult.parse(stdout: stdout)
        let toolAnswer = answerGivenWithTool(runID: runID, repository: corpus.repository)
        let answer = toolAnswer ?? agentResult?.result
        let source = toolAnswer != nil ? "answer-tool" : agentResult?.result != nil ? "agent-result" : nil
        let timedOut = finished?.timedOut ?? false
        // Ctrl-C ends the run as interrupted (130) whatever status the agent then chose (Codex exits 1);
        // launch.json keeps the agent's own status.
        let agentStatus = finished?.status
        let status = interrupted && !timedOut && agentStatus.map({ $0 != 0 }) == true ? 128 + SIGINT : agentStatus
        let stop: StopReason = answer != nil && status == 0 ? .answered
            : timedOut ? .budgetTime
            : status == 128 + SIGINT ? .interrupted
            : (status ?? 1) != 0 || agentResult?.isError == true ? .modelError : .noAnswer
        let error = launchError ?? (timedOut ? "the agent was stopped after the timeout"
            : status == 128 + SIGINT ? "the agent was interrupted (SIGINT)"
            : status.flatMap { $0 == 0 ? nil : "the agent exited with status \($0)" })
        let steps = RunRecordWriter.stepCount(repository: corpus.repository, runID: runID)
        let seconds = finished?.seconds ?? 0
        let usage = TokenUsage(
            promptTokens: agentResult?.inputTokens ?? 0, completionTokens: agentResult?.outputTokens ?? 0,
            costUSD: agentResult?.costUSD, calls: agentResult?.turns ?? 0)
        let tally = RunRecordWriter.subCallTally(repository: corpus.repository, runID: runID)
        var outcome = RunOutcome(
            runID: runID, answer: answer, stopReason: stop, usage: usage, steps: steps, depth: tally.depth, seconds: seconds, error: error)
        if tally.subcalls > 0 { outcome.subcalls = tally.subcalls }
        let launch = LaunchRecord(
            command: command, exitStatus: agentStatus, timedOut: timedOut, seconds: seconds, answerSource: source,
            agentResult: agentResult, error: error, transcript: transcript?.path, outsideSteps: outsideSteps)
        var trailers = ["Fsctx-Kind": "answer", "Fsctx-Stop": stop.rawValue, "Fsctx-Cost": usage.costDescription,
                        "Fsctx-Exit": status.map { "\($0)" } ?? "not started"]
        if let turns = agentResult?.turns { trailers["Fsctx-Turns"] = "\(turns)" }
        try await RunRecordWriter.append(
            ["launch/stdout.txt": Array(stdout.utf8), "launch/stderr.txt": Array(stderr.utf8),
             "launch/launch.json": RunRecordWriter.json(launch), "answer.json": RunRecordWriter.json(outcome)],
            to: runID, in: corpus.repository,
            message: "answer \(runID) (\(stop.rawValue)): \(RunRecordWriter.abbreviate(answer ?? "no answer"))",
            trailers: trailers)
        return LaunchOutcome(
            runID: runID, exitStatus: status ?? -1, timedOut: timedOut, answer: answer, answerSource: source,
            agentResult: agentResult, steps: steps, outsideSteps: outsideSteps, subcalls: tally.subcalls, subcallSteps: tally.steps,
            seconds: seconds, stdout: stdout, stderr: stderr)
    }

    /// The answer the agent gave with the `answer` tool, from the `answer.json` the MCP
    /// server wrote into the run.
    static func answerGivenWithTool(runID: String, repository: GitRepository) -> String? {
        guard let head = try? repository.resolveReference(RunID.ref(runID)),
              let bytes = try? repository.readBlob(commit: head, path: ".fsctx/runs/\(runID)/answer.json"),
              let outcome = try? JSONDecoder().decode(RunOutcome.self, from: Data(bytes)) else { return nil }
        return outcome.answer
    }
}
