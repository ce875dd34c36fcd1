import Foundation

/// What `fsctx launch` runs: an external coding agent in a corpus work tree, with `fsctx mcp`
/// configured for it as the MCP server `fsctx`.
public struct LaunchRequest: Sendable, Equatable {
    /// The corpus repository's work tree; the agent runs with it as its working directory.
    public var corpusRoot: URL
    /// The agent command and its arguments, e.g. `["claude", "-p", "…", "--output-format", "json"]`.
    public var command: [String]
    /// The `fsctx` binary the agent spawns as its MCP server (`fsctx mcp <repo> --run <id>`).
    public var fsctxExecutable: URL
    /// The run id (must be new); nil makes one (`<date>-launch-<hex>`).
    public var runID: String?
    /// The question the agent was given, for `run.json` (and `FSCTX_QUESTION`).
    public var question: String
    /// Whether to add the agent's own MCP configuration flags: `--mcp-config <file>` for
    /// `claude`, `-c mcp_servers.fsctx.…` overrides for `codex`. Other agents read the
    /// `FSCTX_MCP_CONFIG` environment variable.
    public var addAgentFlags: Bool
    /// Whether to pass the agent's stdout and stderr through while capturing them.
    public var echo: Bool
    /// Stop the agent (SIGTERM, then SIGKILL) after this many seconds; nil: no limit.
    public var timeoutSeconds: Double?
    /// Whether the agent keeps its own shell, file and web tools. By default (false) `claude`
    /// gets `--disallowedTools` for them and `codex` config that switches them off; whatever
    /// the agent still ran outside fsctx is recorded from its transcript either way.
    public var allowAgentTools: Bool
    /// The model server the agent should use: `ANTHROPIC_BASE_URL` for `claude`, a Responses
    /// API provider (`model_provider=fsctx`, key from `OPENAI_API_KEY`) for `codex`, and both
    /// `ANTHROPIC_BASE_URL` and `OPENAI_BASE_URL` for other agents; nil: the agent's default.
    public var agentBaseURL: String?
    /// More arguments for our server, after `mcp <corpus> --run <id>`: `--model SPEC` and its
    /// flags give the agent's `sh` and `python` tools model sub-calls. Recorded in
    /// `launch/mcp.json`, so never a key: see `serverSecrets`.
    public var serverArguments: [String]
    /// Environment variables for our server that must not be recorded (the sub-call API key as
    /// `FSCTX_SUBCALL_API_KEY`): set in the agent's environment, which its MCP client hands on to
    /// the server (Codex is told to with `mcp_servers.fsctx.env_vars`); never in an argument or file.
    public var serverSecrets: [String: String]

    /// Creates a request.
    public init(
        corpusRoot: URL, command: [String], fsctxExecutable: URL, runID: String? = nil, question: String = "",
        addAgentFlags: Bool = true, echo: Bool = true, timeoutSeconds: Double? = nil, allowAgentTools: Bool = false,
        agentBaseURL: String? = nil, serverArguments: [String] = [], serverSecrets: [String: String] = [:]
    ) {
        self.serverArguments = serverArguments
        self.serverSecrets = serverSecrets
        self.corpusRoot = corpusRoot
        self.command = command
        self.fsctxExecutable = fsctxExecutable
        self.runID = runID
        self.question = question
        self.addAgentFlags = addAgentFlags
        self.echo = echo
        self.timeoutSeconds = timeoutSeconds
        self.allowAgentTools = allowAgentTools
        self.agentBaseURL = agentBaseURL
    }
}
