import Foundation

/// Which coding agent `fsctx launch` runs, told by the program's file name: `claude` (Claude
/// Code), `codex` (the Codex CLI), or any other MCP client.
enum AgentKind: String, Sendable, Equatable {
    case claude
    case codex
    case other

    /// The kind of the program at `program` (a name or a path).
    init(program: String) {
        switch URL(fileURLWithPath: program).lastPathComponent {
        case "claude": self = .claude
        case "codex": self = .codex
        default: self = .other
        }
    }
}
