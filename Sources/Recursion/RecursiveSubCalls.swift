import FSContext
import Foundation
import Models
import Shell

/// The `llm` and `rlm` builtins of an `rlm` agent: each sub-call is a branch from the caller's
/// current commit, merged back when it returns, so `git log --graph` draws the recursion.
/// Sub-calls run at most `maxWidth` at a time per caller; each gets a ledger carved from the
/// caller's; at the depth limit `rlm` is a plain completion. The merge commit's trailers hold
/// the sub-call tree's tokens and cost.
final class RecursiveSubCalls: SubCallHandler {
    let environment: RunEnvironment
    let parent: AgentScope
    private let width: AsyncSemaphore
    private let names = SubCallNames()

    init(environment: RunEnvironment, parent: AgentScope) {
        self.environment = environment
        self.parent = parent
        self.width = AsyncSemaphore(parent.ledger.budget.maxWidth)
    }

    func llm(prompt: String, input: String) async throws -> String {
        try await width.withPermit {
            let child = try await fork(kind: "llm", key: prompt + "\u{0}" + input)
            return try await completion(child, prompt: prompt, input: input, kind: "llm")
        }
    }

    func rlm(question: String, input: String) async throws -> String {
        try await width.withPermit {
            let child = try await fork(kind: "rlm", key: question + "\u{0}" + input)
            guard child.depth < parent.ledger.budget.maxDepth else {
                // At the depth limit a sub-call is a plain completion.
                return try await completion(child, prompt: question, input: input, kind: "rlm")
            }
            var task = question
            if !input.isEmpty {
                let scratch = environment.recorder.repository.gitDirectory
                    .appendingPathComponent("fsctx/scratch/\(environment.configuration.id)/\(child.branchName)", isDirectory: true)
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
                try Data(input.utf8).write(to: scratch.appendingPathComponent("input.txt"))
                task += "\n(The caller's input, \(input.utf8.count) bytes, is in scratch/input.txt.)"
            }
            let outcome = await runAgent(question: task, environment: environment, scope: child, subcalls: true)
            let answer = outcome.answer ?? ""
            try await join(child, kind: "rlm", summary: answer.isEmpty ? "no answer (\(outcome.stopReason.rawValue))" : answer)
            guard outcome.answer != nil else {
                throw RecursionError(.budget, "rlm sub-agent \(child.path) ended without an answer (\(outcome.stopReason.rawValue))")
            }
            return answer
        }
    }

    /// A plain completion as `child`, merged back into the caller.
    private func completion(_ child: AgentScope, prompt: String, input: String, kind: String) async throws -> String {
        environment.noteDepth(child.depth)
        do {
            let response = try await environment.complete(
                user: AgentPrompts.completion(context: input, question: prompt, contextLabel: "Input"), scope: child, role: "subcall")
            let text = RunEnvironment.replyText(response)
            try await join(child, kind: kind, summary: text)
            return text
        } catch {
            try? await join(child, kind: kind, summary: "failed: \(error)")
            throw error
        }
    }

    /// Makes the child scope and its branch from the caller's current commit.
    private func fork(kind: String, key: String) async throws -> AgentScope {
        if let stop = parent.ledger.exhausted() {
            throw RecursionError(.budget, "\(kind): the caller's budget is spent (\(stop.rawValue))")
        }
        guard environment.takeSubcall() else {
            throw RecursionError(.budget, "\(kind): the run has used all \(environment.configuration.budget.maxSubcalls ?? 0) sub-calls of --max-subcalls; answer from what you have")
        }
        let recorder = environment.recorder
        var name = names.next(kind: kind, key: key)
        // A run appended to by a later session (`fsctx mcp --run`) may hold this name already.
        while (try? await recorder.head(.side(runID: recorder.runID, name: Self.branchName(parent.path, name)))) != nil {
            name = names.next(kind: kind, key: key)
        }
        let branchName = Self.branchName(parent.path, name)
        let branch = try await recorder.branch(from: recorder.head(parent.branch), name: branchName)
        environment.noteSubcall()
        return parent.child(name, branch: branch, ledger: parent.ledger.child())
    }

    /// The branch of sub-call `name` of the agent at `parentPath` (`root/c3` + `llm-1a2b` → `c3.llm-1a2b`).
    static func branchName(_ parentPath: String, _ name: String) -> String {
        String("\(parentPath)/\(name)".dropFirst("root/".count)).replacingOccurrences(of: "/", with: ".")
    }

    /// Merges the child's branch back into the caller's.
    private func join(_ child: AgentScope, kind: String, summary: String) async throws {
        try await environment.recorder.merge(
            [child.branch], into: parent.branch,
            message: "subcall \(kind) \(child.path) → \(RunEnvironment.abbreviate(summary))",
            // The sub-call tree's usage (the child and everything it called).
            trailers: ["Fsctx-Kind": "subcall", "Fsctx-Agent": child.path, "Fsctx-Depth": "\(child.depth)",
                       "Fsctx-Tokens": "\(child.ledger.usage.totalTokens)", "Fsctx-Cost": child.ledger.usage.costDescription])
    }
}

/// Deterministic sub-call names: a short hash of what was asked, so that a replay names the
/// same sub-call the same way whatever order parallel calls arrive in; repeats get `-2`, `-3`.
final class SubCallNames: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String: Int] = [:]

    func next(kind: String, key: String) -> String {
        var hash = FNV1a64()
        hash.add(key)
        let base = "\(kind)-\(hash.hex.prefix(8))"
        let count = lock.withLock { () -> Int in
            seen[base, default: 0] += 1
            return seen[base]!
        }
        return count == 1 ? base : "\(base)-\(count)"
    }
}
