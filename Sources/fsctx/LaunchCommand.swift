import ArgumentParser
import Foundation
import MCPServer
import Recursion

/// `fsctx launch`: runs an external coding agent on a corpus with our MCP server, recorded.
struct LaunchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "launch",
        abstract: "Run a coding agent (Claude Code, Codex, any MCP client) in a corpus with `fsctx mcp` as its MCP server, recorded as one run.",
        discussion: """
            The agent runs in the corpus work tree. Its MCP configuration (server `fsctx`) is written to a temporary \
            file passed as `--mcp-config <file>` to `claude`, as `-c mcp_servers.fsctx.…` to `codex`, and as \
            FSCTX_MCP_CONFIG to every agent. Its stdout and stderr, its final answer, and the cost and turns it prints \
            as JSON (`claude -p --output-format json`, `codex exec --json`) go into the run. By default the agent's own \
            shell, file and web tools are switched off (--allow-agent-tools keeps them); whatever it still ran with its own \
            tools is read from its transcript and recorded as steps marked "outside". `claude` and `codex` not on PATH are taken \
            from ~/.cache/fsctx/agents/bin (scripts/install-agents). With --model (and the model flags of `fsctx run`) the \
            server is started as `fsctx mcp --model …`, so the agent's sh and python tools can make sub-calls (llm, \
            llm --each, rlm, llm_query), recorded as branches; the key goes to the server in the agent's environment \
            (FSCTX_SUBCALL_API_KEY), never as an argument. Exits with the agent's status (130 after Ctrl-C).
            Example: fsctx launch corpus --question 'Who kept the lamp?' -- claude -p 'Who kept the lamp?' \
            --output-format json --allowedTools mcp__fsctx
            """)

    @Argument(help: "The corpus repository (its checked-out work tree).")
    var repo: String

    @Option(name: .customLong("run"), help: "The run id (new); default <date>-launch-<hex>.")
    var runID: String?

    @Option(help: "The question the agent was given, for run.json and FSCTX_QUESTION.")
    var question: String = ""

    @Option(help: "Stop the agent after this many seconds.")
    var timeout: Double?

    @Flag(name: .customLong("no-agent-flags"), help: "Add no flags to the command: no --mcp-config or --disallowedTools (claude), no -c overrides (codex).")
    var noAgentFlags = false

    @Flag(help: ArgumentHelp(
        "Let the agent keep its own shell, file and web tools.",
        discussion: "By default claude gets --disallowedTools for them and codex config that switches them off (and a read-only sandbox)."))
    var allowAgentTools = false

    @Option(help: ArgumentHelp(
        "The model server the agent talks to.",
        discussion: "claude: ANTHROPIC_BASE_URL=URL; codex: a Responses API provider at URL (key from OPENAI_API_KEY); other agents: ANTHROPIC_BASE_URL and OPENAI_BASE_URL.",
        valueName: "url"))
    var agentBaseURL: String?

    @OptionGroup(title: "Sub-calls (the server's --model)") var subCallModel: SubCallModelOptions

    @Flag(help: "Do not pass the agent's output through; only record it.")
    var quiet = false

    @Argument(parsing: .postTerminator, help: "The agent command, after --.")
    var command: [String] = []

    func run() async throws {
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be more than 0 seconds") }
        _ = try subCallModel.subCalls(budget: RunBudget())  // a bad spec or a missing key fails here, not in the agent's server
        let request = LaunchRequest(
            corpusRoot: URL(fileURLWithPath: repo), command: command, fsctxExecutable: Self.executable(), runID: runID,
            question: question, addAgentFlags: !noAgentFlags, echo: !quiet, timeoutSeconds: timeout,
            allowAgentTools: allowAgentTools, agentBaseURL: agentBaseURL, serverArguments: subCallModel.serverArguments,
            serverSecrets: subCallModel.spec == nil ? [:] : subCallModel.apiKey.map { [SubCallModelOptions.keyVariable: $0] } ?? [:])
        // Ctrl-C reaches the agent too (same process group); it stops, and the run is recorded.
        signal(SIGINT, SIG_IGN)
        let outcome: LaunchOutcome
        do {
            outcome = try await AgentLauncher.launch(request)
        } catch let error as MCPServerError {
            throw ValidationError("launch: \(error.message)")
        }
        signal(SIGINT, SIG_DFL)
        var summary = "fsctx: run \(outcome.runID): agent exited with status \(outcome.exitStatus)"
        if outcome.timedOut { summary += " (stopped after the timeout)" }
        let calls = outcome.steps - outcome.subcallSteps
        summary += "; \(calls) tool call\(calls == 1 ? "" : "s") recorded"
        if outcome.outsideSteps > 0 { summary += " (\(outcome.outsideSteps) with the agent's own tools, outside fsctx)" }
        if outcome.subcalls > 0 { summary += ", \(outcome.subcalls) sub-call\(outcome.subcalls == 1 ? "" : "s") (branches)" }
        if let turns = outcome.agentResult?.turns { summary += ", \(turns) turns" }
        if let cost = outcome.agentResult?.costUSD { summary += String(format: ", $%.4f", cost) }
        summary += "\nfsctx: answer: \(outcome.answer ?? "(none)")\n"
        FileHandle.standardError.write(Data(summary.utf8))
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }

    /// This binary's path, for the agent to start `fsctx mcp` with.
    static func executable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
