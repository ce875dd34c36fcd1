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

    /// The agent command with its own MCP flags added after the program name:
    /// `claude --mcp-config <file> …`, or `codex -c mcp_servers.fsctx.command="…" -c
    /// mcp_servers.fsctx.args=[…] …` (TOML values). Other commands are left as they are.
    static func agentCommand(_ command: [String], configFile: URL, fsctx: URL, arguments: [String]) -> [String] {
        guard let program = command.first else { return command }
        let flags: [String]
        switch URL(fileURLWithPath: program).lastPathComponent {
        case "claude":
            flags = ["--mcp-config", configFile.path]
        case "codex":
            flags = ["-c", "mcp_servers.\(serverName).command=\(tomlString(fsctx.path))",
                     "-c", "mcp_servers.\(serverName).args=[\(arguments.map(tomlString).joined(separator: ", "))]"]
        default:
            flags = []
        }
        return [program] + flags + command.dropFirst()
    }

    /// A TOML basic string (JSON string escapes are valid TOML escapes).
    static func tomlString(_ text: String) -> String {
        JSONValue.string(text).jsonText
    }

    /// The agent's environment: ours plus `FSCTX_MCP_CONFIG` (the config file),
    /// `FSCTX_RUN_ID`, `FSCTX_CORPUS` and, when given, `FSCTX_QUESTION`.
    static func agentEnvironment(configFile: URL, runID: String, corpusRoot: URL, question: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
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
