/// The most tokens one model reply may have (`max_tokens`), by the role of the call. Every
/// request a run makes carries one of these, so a model that rambles stops at a known point
/// instead of filling the server's context (and a reply cut there is recorded as such).
public struct ReplyTokenLimits: Sendable, Codable, Equatable {
    /// An agent's turn (`agent`, `rlm`, SRLM candidates, `rlm` sub-agents).
    public var agent: Int
    /// A final answer from a prompt: `direct`, `rag`, the `coa` manager.
    public var answer: Int
    /// A sub-call completion: `llm`, `llm --each`, `rlm` at the depth limit.
    public var subcall: Int
    /// A `coa` worker's notes.
    public var worker: Int
    /// A compaction summary (`--compact summarize`).
    public var summary: Int

    /// Creates limits; the defaults leave room for a tool call with its reasoning, or a short
    /// answer with its evidence lines.
    public init(agent: Int = 1_024, answer: Int = 512, subcall: Int = 768, worker: Int = 768, summary: Int = 512) {
        self.agent = agent
        self.answer = answer
        self.subcall = subcall
        self.worker = worker
        self.summary = summary
    }

    /// The roles, as `--max-reply-tokens` names them.
    public static let roles = ["agent", "answer", "subcall", "worker", "summary"]

    /// Parses `--max-reply-tokens`: one number for every role (`512`), or `role=N` pairs
    /// separated by commas (`agent=1024,answer=256`) over the defaults.
    public init(parsing text: String) throws {
        self.init()
        let usage = "--max-reply-tokens takes N, or role=N pairs separated by commas (roles: \(Self.roles.joined(separator: ", "))), N ≥ 16"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let all = Int(trimmed) {
            guard all >= 16 else { throw RecursionError(.badInput, usage) }
            self = ReplyTokenLimits(agent: all, answer: all, subcall: all, worker: all, summary: all)
            return
        }
        for pair in trimmed.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Int(parts[1]), value >= 16 else { throw RecursionError(.badInput, usage) }
            switch parts[0] {
            case "agent": agent = value
            case "answer": answer = value
            case "subcall": subcall = value
            case "worker": worker = value
            case "summary": summary = value
            default: throw RecursionError(.badInput, usage)
            }
        }
    }
}
