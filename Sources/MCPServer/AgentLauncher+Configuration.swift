import FSContext
import Foundation

extension AgentLauncher {
    /// The name of our server in the agent's MCP configuration (Claude Code shows its tools
    /// as `mcp__fsctx__grep` and so on).
    public static let serverName = "fsctx"

    /// The arguments that start our server for run `runID`: `mcp <corpus> --run <id>`.
    static func serverArguments(corpusRoot: URL, runID: String, question: String) -> [String] {
        ["mcp", corpusRoot.path, "--run", runID] + (question.isEmpty ? [] : ["--question", question])
    }

    /// The MCP client configuration in the `.mcp.json` format of Claude Code (also read by
    /// other clients): `{"mcpServers": {"fsctx": {"type": "stdio", "command", "args", "env"}}}`.
    static func mcpConfiguration(fsctx: URL, arguments: [String]) -> JSONValue {
        ["mcpServers": [serverName: [
            "type": "stdio", "command": .string(fsctx.path), "args": .array(arguments.map { .string($0) }), "env": [:],
        ]]]
    }

    /// The agent command with its own flags added: for `claude`, `--mcp-config <file>` and,
    /// unless `allowAgentTools`, `--disallowedTools` with its shell, file and web tools; for
    /// `codex`, `-c` overrides for `mcp_servers.fsctx` and, unless `allowAgentTools`, ones that
    /// switch off its shell (`features.shell_tool`, `features.unified_exec`), image viewer,
    /// sub-agents and web search and keep its sandbox read-only, plus a provider at
    /// `baseURL` when given. Codex's flags go right after its subcommand (`codex exec -c …`):
    /// a subcommand's own `-c` list replaces the top-level one, so flags put before `exec`
    /// were lost as soon as the user gave `exec` a `-c` of their own. Codex hands an MCP server
    /// only a few variables of its environment, so `serverVariables` (the sub-call key's name)
    /// are listed in `mcp_servers.fsctx.env_vars`. Other commands are left as they are (they
    /// read `FSCTX_MCP_CONFIG`).
    static func agentCommand(
        _ command: [String], configFile: URL, fsctx: URL, arguments: [String], allowAgentTools: Bool = true,
        baseURL: String? = nil, serverVariables: [String] = []
    ) -> [String] {
        guard let program = command.first else { return command }
        let rest = Array(command.dropFirst())
        switch AgentKind(program: program) {
        case .claude:
            let deny = allowAgentTools ? [] : ["--disallowedTools", claudeOwnTools.joined(separator: ",")]
            return [program, "--mcp-config", configFile.path] + deny + rest
        case .codex:
            var flags = ["-c", "mcp_servers.\(serverName).command=\(tomlString(fsctx.path))",
                         "-c", "mcp_servers.\(serverName).args=[\(arguments.map(tomlString).joined(separator: ", "))]",
                         "-c", "mcp_servers.\(serverName).startup_timeout_sec=60",
                         "-c", "mcp_servers.\(serverName).tool_timeout_sec=600"]
            if !serverVariables.isEmpty {
                flags += ["-c", "mcp_servers.\(serverName).env_vars=[\(serverVariables.map(tomlString).joined(separator: ", "))]"]
            }
            if !allowAgentTools { flags += codexOwnToolsOff.flatMap { ["-c", $0] } }
            if let baseURL {
                flags += ["-c", "model_provider=\(tomlString(serverName))",
                          "-c", "model_providers.\(serverName)={name=\(tomlString(serverName)), base_url=\(tomlString(baseURL)), "
                              + "wire_api=\"responses\", env_key=\"OPENAI_API_KEY\"}"]
            }
            let at = codexSubcommandEnd(rest)
            return [program] + rest[..<at] + flags + rest[at...]
        case .other:
            return command
        }
    }

    /// Claude Code's own tools that touch the shell, files, the web or other agents; `launch`
    /// denies them unless `--allow-agent-tools` (names it does not have are ignored).
    static let claudeOwnTools = [
        "Bash", "BashOutput", "KillShell", "PowerShell", "Read", "Write", "Edit", "MultiEdit", "NotebookEdit", "Glob",
        "Grep", "LS", "WebFetch", "WebSearch", "Agent", "Task", "Workflow", "Skill",
    ]

    /// Codex settings that switch off its own shell, image, sub-agent and web tools and keep its
    /// sandbox read-only (`-c` values).
    static let codexOwnToolsOff = [
        "features.shell_tool=false", "features.unified_exec=false", "features.view_image=false",
        "features.multi_agent=false", "web_search=\"disabled\"", "sandbox_mode=\"read-only\"",
    ]

    /// Where Codex's arguments take our flags: after its subcommand (`exec`, `e`, `resume`,
    /// `review`, …) when it has one, else at the start (the interactive CLI). Top-level options
    /// and their values before the subcommand are skipped.
    static func codexSubcommandEnd(_ arguments: [String]) -> Int {
        let takesValue: Set<String> = ["-c", "--config", "-m", "--model", "-p", "--profile", "-s", "--sandbox", "-a",
                                       "--ask-for-approval", "-C", "--cd", "-i", "--image", "--enable", "--disable",
                                       "--add-dir", "--local-provider"]
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { return 0 }
            if word.hasPrefix("-") {
                index += takesValue.contains(word) ? 2 : 1
                continue
            }
            return ["exec", "e", "review", "resume", "fork"].contains(word) ? index + 1 : 0
        }
        return 0
    }

    /// A TOML basic string (JSON string escapes are valid TOML escapes).
    static func tomlString(_ text: String) -> String {
        JSONValue.string(text).jsonText
    }

    /// The agent's environment: ours plus `FSCTX_MCP_CONFIG` (the config file),
    /// `FSCTX_RUN_ID`, `FSCTX_CORPUS` and, when given, `FSCTX_QUESTION`; with `baseURL`,
    /// `ANTHROPIC_BASE_URL` for Claude Code, and for any other agent but Codex (which gets a
    /// provider in its config) both `ANTHROPIC_BASE_URL` and `OPENAI_BASE_URL`.
    static func agentEnvironment(
        configFile: URL, runID: String, corpusRoot: URL, question: String, agent: AgentKind = .other,
        baseURL: String? = nil, base: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String: String] {
        var environment = base
        if let baseURL {
            switch agent {
            case .claude: environment["ANTHROPIC_BASE_URL"] = baseURL
            case .codex: break
            case .other:
                environment["ANTHROPIC_BASE_URL"] = baseURL
                environment["OPENAI_BASE_URL"] = baseURL
            }
        }
        environment["FSCTX_MCP_CONFIG"] = configFile.path
        environment["FSCTX_RUN_ID"] = runID
        environment["FSCTX_CORPUS"] = corpusRoot.path
        if !question.isEmpty { environment["FSCTX_QUESTION"] = question }
        return environment
    }

    /// The command as one readable line (each word shell-quoted when it needs it).
    static func commandLine(_ command: [String]) -> String {
        command.map { word in
            word.isEmpty || word.contains(where: { !($0.isLetter || $0.isNumber || "-_./=:,@+%".contains($0)) })
                ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
        }.joined(separator: " ")
    }
}
