import FSContext
import Foundation
import Models
import Recursion
import Shell

/// `fsctx launch`: runs an external coding agent (Claude Code, Codex, or any MCP client) in a
/// corpus work tree with `fsctx mcp` configured as its MCP server, all in one run:
/// `run.json` (strategy `launch`, model = the agent command) and `launch/mcp.json` first; the
/// server's steps as the agent calls the tools; then the transcript (`launch/stdout.txt`,
/// `launch/stderr.txt`), `launch/launch.json` (exit status, the parsed agent result) and
/// `answer.json` (answer, stop reason, cost and turns when the agent printed them).
public enum AgentLauncher {
    /// Runs the agent to its end and records it. Throws `MCPServerError` for bad input
    /// (before anything is written) or when the run cannot be recorded; an agent that fails
    /// is an outcome with its exit status, not a throw.
    public static func launch(_ request: LaunchRequest) async throws -> LaunchOutcome {
        guard let program = request.command.first, !program.isEmpty else {
            throw MCPServerError(.badInput, "no agent command; put it after --, e.g. fsctx launch corpus -- claude -p 'question'")
        }
        if let url = request.agentBaseURL, URL(string: url)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw MCPServerError(.badInput, "--agent-base-url '\(url)' is not an http(s) URL; give e.g. http://127.0.0.1:8080/v1")
        }
        let corpus: RunCorpus
        do { corpus = try RunCorpus.open(at: request.corpusRoot) } catch let error as RecursionError {
            throw MCPServerError(.badInput, error.message)
        }
        let id = request.runID ?? RunID.make(strategy: "launch")
        guard RunID.isValid(id) else { throw MCPServerError(.badInput, "invalid run id '\(id)': use letters, digits, '-', '_' and '.'") }
        let installed = program.contains("/") ? nil : AgentInstallation.installed(program)
        guard let executable = AgentProcess.resolve(program, path: ProcessInfo.processInfo.environment["PATH"]) ?? installed else {
            throw MCPServerError(.badInput, program.contains("/")
                ? "agent command '\(program)' is not an executable file; check the path"
                : "agent command '\(program)' not found on PATH; install it or give its full path"
                    + (AgentInstallation.names.contains(program) ? " (scripts/install-agents installs claude and codex)" : ""))
        }
        let recorder: RunRecorder
        do { recorder = try RunRecorder(repository: corpus.repository, runID: id, base: corpus.commit) } catch {
            throw MCPServerError(.badInput, wrapping: error)
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsctx-launch-\(id)-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let configFile = folder.appendingPathComponent("mcp.json")
        let serverArguments = serverArguments(corpusRoot: corpus.workTree, runID: id, question: request.question)
            + request.serverArguments
        let configuration = mcpConfiguration(fsctx: request.fsctxExecutable, arguments: serverArguments)
        try Data(RunRecordWriter.json(configuration)).write(to: configFile)
        let agent = AgentKind(program: program)
        let command = request.addAgentFlags
            ? agentCommand(request.command, configFile: configFile, fsctx: request.fsctxExecutable, arguments: serverArguments,
                           allowAgentTools: request.allowAgentTools, baseURL: request.agentBaseURL,
                           serverVariables: request.serverSecrets.keys.sorted())
            : request.command

        let model = commandLine(request.command)
        let runConfiguration = RunConfiguration(
            id: id, strategy: "launch", model: model, question: request.question, corpusCommit: corpus.commit,
            budget: RunBudget(timeoutSeconds: request.timeoutSeconds), options: StrategyOptions())
        try await RunRecordWriter.commit(
            ["run.json": RunRecordWriter.json(runConfiguration), "launch/mcp.json": RunRecordWriter.json(configuration)],
            with: recorder, message: "run \(id): launch \(RunRecordWriter.abbreviate(model))",
            trailers: ["Fsctx-Kind": "run", "Fsctx-Strategy": "launch", "Fsctx-Model": RunRecordWriter.abbreviate(model)])

        var environment = agentEnvironment(
            configFile: configFile, runID: id, corpusRoot: corpus.workTree, question: request.question, agent: agent,
            baseURL: request.agentBaseURL)
        environment.merge(request.serverSecrets) { $1 }
        let process = AgentProcess(
            executable: executable, arguments: Array(command.dropFirst()), directory: corpus.workTree,
            environment: environment, echo: request.echo, timeoutSeconds: request.timeoutSeconds)
        let started = Date()
        let interrupts = InterruptWatch()
        let finished: AgentProcess.Finished
        do {
            finished = try await process.run()
        } catch let error as MCPServerError {
            _ = try? await record(runID: id, corpus: corpus, command: command, finished: nil, launchError: error.message)
            throw error
        }
        // The agent's own tool calls; failing to record them must not cost the run its answer.
        var outside: (transcript: URL?, steps: Int) = (nil, 0)
        do {
            outside = try await recordOutsideCalls(
                runID: id, repository: corpus.workTree, agent: agent, stdout: String(decoding: finished.stdout, as: UTF8.self),
                workTree: corpus.workTree, environment: environment, startedAt: started)
        } catch {
            FileHandle.standardError.write(Data("fsctx: warning: \(error)\n".utf8))
        }
        return try await record(
            runID: id, corpus: corpus, command: command, finished: finished, launchError: nil,
            interrupted: interrupts.interrupted, transcript: outside.transcript, outsideSteps: outside.steps)
    }
}
