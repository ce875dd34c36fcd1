import Audit
import FSContext
import Foundation
import Shell

extension AgentLauncher {
    /// Records what the agent ran with its own tools as steps of the run marked
    /// `"outside": true`, after the steps the fsctx server recorded: the agent's transcript
    /// (found by `AgentTranscript.locate`) is read by the log importer (`Audit.RunImporter`), kept
    /// to its tool calls that are not the fsctx server's, and appended to the run. Returns the
    /// transcript's path and how many steps were added.
    static func recordOutsideCalls(
        runID: String, repository: URL, agent: AgentKind, stdout: String, workTree: URL,
        environment: [String: String], startedAt: Date
    ) async throws -> (transcript: URL?, steps: Int) {
        guard let transcript = AgentTranscript.locate(
            agent: agent, stdout: stdout, workTree: workTree, environment: environment, startedAt: startedAt) else {
            return (nil, 0)
        }
        var session = try RunImporter.read(files: [transcript], format: agent == .claude ? .claudeCode : .codexRollout)
        session.root = toolCallsOnly(session.root)
        let fsctxTools = Set(ToolCatalog.tools.map(\.name))
        let options = ImportOptions(outside: true, skipTools: { name in
            // Claude names our tools mcp__fsctx__grep; Codex's rollout names them grep (namespace mcp__fsctx).
            name.hasPrefix("mcp__\(serverName)__") || (agent == .codex && fsctxTools.contains(name))
        })
        let report = try await RunImporter.append(session, toRun: runID, in: repository, options: options)
        return (transcript, report.steps)
    }

    /// `agent` with only its tool calls and sub-agents: the model's turns and notes are the
    /// agent's own record, not something it ran.
    static func toolCallsOnly(_ agent: ImportedAgent) -> ImportedAgent {
        ImportedAgent(name: agent.name, events: agent.events.compactMap { event in
            switch event {
            case .tool: event
            case .subAgent(let child, let callID): .subAgent(toolCallsOnly(child), callID: callID)
            case .turn, .note: nil
            }
        })
    }
}
