import MCPServer

extension DoctorCommand {
    /// The coding-agent CLIs `fsctx launch` runs (Claude Code, Codex): version and path, or how
    /// to install them (`scripts/install-agents`). Not essential: only `launch` needs them.
    static let agentsSection = Section(title: "Coding agents for fsctx launch") {
        AgentInstallation.checks().map { Check(name: $0.name, ok: $0.ok, detail: $0.detail, essential: false) }
    }
}
