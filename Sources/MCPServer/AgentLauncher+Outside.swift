import FSContext
import Foundation
import Shell

extension AgentLauncher {
    /// Records what the agent ran with its own tools (from its transcript, see
    /// `AgentTranscript`) as steps of the run marked `"outside": true`, after the steps the
    /// fsctx server recorded. Returns the transcript's path and how many steps were added.
    static func recordOutsideCalls(
        runID: String, repository: GitRepository, agent: AgentKind, stdout: String, workTree: URL,
        environment: [String: String], startedAt: Date
    ) async throws -> (transcript: URL?, steps: Int) {
        guard let transcript = AgentTranscript.locate(
            agent: agent, stdout: stdout, workTree: workTree, environment: environment, startedAt: startedAt) else {
            return (nil, 0)
        }
        let calls = AgentTranscript.outsideCalls(agent: agent, transcript: transcript)
        guard !calls.isEmpty else { return (transcript, 0) }
        var lastError: Error?
        for attempt in 0..<5 {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(100 * attempt)) }
            do {
                let recorder = try RunRecorder.open(repository: repository, runID: runID)
                for call in calls {
                    let step = ShellStepRecord(
                        program: "\(call.tool) \(call.input)", output: call.output, exitStatus: call.isError ? 1 : 0,
                        durationSeconds: 0, startedAt: startedAt.timeIntervalSince1970, tools: [call.tool],
                        extra: ["outside": true, "agent": .string(agent.rawValue), "transcript": .string(transcript.lastPathComponent)])
                    try await recorder.recordStep(step)
                }
                try await recorder.flush()
                return (transcript, calls.count)
            } catch {
                lastError = error
            }
        }
        throw MCPServerError(.recording, "cannot record the agent's own tool calls in run \(runID): \(lastError.map { "\($0)" } ?? "unknown error")")
    }
}
