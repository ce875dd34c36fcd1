import Foundation
import Testing

/// `--max-reply-tokens`, `--compact`, `--sub-model` and `--stuck-after` reach every run of
/// `fsctx bench` and `fsctx demo`, as they reach `fsctx run`: each is checked in the requests
/// the scripted loopback server received and in the result rows.
@Suite struct SweepModelFlagsTests {
    enum Command: String, CaseIterable, Sendable { case bench, demo }

    /// What a sweep left: the requests the fake model logged and the result rows.
    struct Sweep {
        var status: Int32
        var stderr: String
        var requests: [[String: Any]]
        var rows: [[String: Any]]

        /// Requests of agent turns (they offer tools) and of everything else (sub-calls, summaries).
        var agentRequests: [[String: Any]] { requests.filter { ($0["tools"] as? Int ?? 0) > 0 } }
        var toolless: [[String: Any]] { requests.filter { ($0["tools"] as? Int ?? 0) == 0 } }
    }

    /// Runs `command` (bench: one NIAH task; demo: its generated tasks) with `strategy` and
    /// model `openai:big` served by the fake playing `script`, plus `flags`.
    static func sweep(_ command: Command, strategy: String = "agent", script: String, flags: [String]) throws -> Sweep {
        let temp = TemporaryDirectory()
        let log = temp.url.appendingPathComponent("requests.jsonl")
        let (server, port) = try CLI.fakeModel(["--script", script, "--log", log.path])
        defer { server.terminate() }
        let model = ["--base-url", "http://127.0.0.1:\(port)/v1"]
        let results: URL
        let result: (status: Int32, stdout: String, stderr: String)
        switch command {
        case .bench:
            let generated = try CLI.fsctx(["bench", "generate", "niah", "--out", "niah", "--lengths", "1k", "--depths", "0.5"], in: temp.url)
            #expect(generated.status == 0, "\(generated.stderr)")
            result = try CLI.fsctx(["bench", "niah/tasks.jsonl", "--strategies", strategy, "--models", "openai:big", "--out", "rows.jsonl"]
                                   + model + flags, in: temp.url, environment: ["OPENAI_API_KEY": "sk-test"])
            results = temp.url.appendingPathComponent("rows.jsonl")
        case .demo:
            result = try CLI.fsctx(["demo", "--out", "demo", "--strategies", strategy, "--model", "openai:big"] + model + flags,
                                   in: temp.url, environment: ["OPENAI_API_KEY": "sk-test"])
            results = temp.url.appendingPathComponent("demo/results.jsonl")
        }
        func lines(_ url: URL) -> [[String: Any]] {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        return Sweep(status: result.status, stderr: result.stderr, requests: lines(log), rows: lines(results))
    }

    @Test(arguments: Command.allCases)
    func maxReplyTokens(_ command: Command) throws {
        let sweep = try Self.sweep(command, script: "needle", flags: ["--max-reply-tokens", "agent=333"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(!sweep.rows.isEmpty && sweep.rows.allSatisfy { $0["run_id"] != nil }, "\(sweep.rows)")
        #expect(!sweep.agentRequests.isEmpty)
        #expect(sweep.agentRequests.allSatisfy { $0["max_tokens"] as? Int == 333 }, "\(sweep.requests)")
    }

    @Test(arguments: Command.allCases)
    func subModelAnswersTheSubCalls(_ command: Command) throws {
        let sweep = try Self.sweep(command, strategy: "rlm", script: "subcall", flags: ["--sub-model", "openai:small"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(!sweep.rows.isEmpty && sweep.rows.allSatisfy { $0["stop_reason"] as? String == "answered" }, "\(sweep.rows)")
        // One `llm` sub-call per run, sent to the sub-model; the agents' turns to the run's model.
        #expect(sweep.toolless.count == sweep.rows.count, "\(sweep.requests)")
        #expect(sweep.toolless.allSatisfy { $0["model"] as? String == "small" }, "\(sweep.requests)")
        #expect(sweep.agentRequests.allSatisfy { $0["model"] as? String == "big" }, "\(sweep.requests)")
    }

    @Test(arguments: Command.allCases)
    func stuckAfterEndsIdleAgents(_ command: Command) throws {
        let sweep = try Self.sweep(command, script: "idle", flags: ["--stuck-after", "2"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(!sweep.rows.isEmpty && sweep.rows.allSatisfy { $0["stop_reason"] as? String == "stuck" }, "\(sweep.rows)")
        // Two turns without a tool call per run (the default would allow three).
        #expect(sweep.requests.count == 2 * sweep.rows.count, "\(sweep.requests.count) requests for \(sweep.rows.count) runs")
    }

    @Test(arguments: Command.allCases)
    func compactSummarizeAndOff(_ command: Command) throws {
        // A 512-token window: every turn is past the limit, so compaction runs before each.
        let window = ["--context-window", "512", "--max-reply-tokens", "agent=100,summary=77"]
        let summarized = try Self.sweep(command, script: "steps:4", flags: window + ["--compact", "summarize"])
        #expect(summarized.status == 0, "\(summarized.stderr)")
        // (Folding turns into a summary makes the scripted fake repeat itself: runs end stuck.)
        #expect(!summarized.rows.isEmpty && summarized.rows.allSatisfy { $0["run_id"] != nil }, "\(summarized.rows)")
        let summaries = summarized.toolless.filter { $0["max_tokens"] as? Int == 77 }
        #expect(summaries.count >= summarized.rows.count, "\(summarized.requests)")

        let off = try Self.sweep(command, script: "steps:4", flags: window + ["--compact", "off"])
        #expect(off.status == 0, "\(off.stderr)")
        #expect(off.toolless.isEmpty, "\(off.requests)")
        // Without compaction the conversation keeps every message: 2 + 2 per turn by the 5th.
        #expect(off.agentRequests.contains { $0["messages"] as? Int == 10 }, "\(off.requests)")
    }

    @Test func badValuesAreOneLineAndExit2() throws {
        let temp = TemporaryDirectory()
        let cases: [[String]] = [
            ["bench", "tasks.jsonl", "--strategies", "agent", "--models", "offline", "--compact", "squeeze"],
            ["bench", "tasks.jsonl", "--strategies", "agent", "--models", "offline", "--stuck-after", "0"],
            ["demo", "--out", "demo", "--max-reply-tokens", "brain=100"],
            ["demo", "--out", "demo", "--sub-model", "gpt4"],
        ]
        for arguments in cases {
            let result = try CLI.fsctx(arguments, in: temp.url)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: temp.url.appendingPathComponent("demo").path))
    }
}
