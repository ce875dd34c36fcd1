import Foundation
import MCPServer
import Testing

extension EndToEndTests {
    /// `fsctx launch` with the real Claude Code and Codex CLIs (from PyPI, `scripts/install-agents`),
    /// each driven by a scripted model server on loopback. Only the model is fake: the CLIs, their
    /// MCP clients, `fsctx mcp` and the git records are real.
    @Suite("fsctx launch with the real Claude Code and Codex")
    struct RealAgentTests {
        static let question = "What does the lamp room hold?"
        static let answer = "A second-order Fresnel lens."

        /// Claude Code 2.1 defers MCP tools behind ToolSearch: a model selects them first.
        static var claudeScript: [[String: Any]] { [
            ScriptedModelServer.tool("ToolSearch", ["query": "select:mcp__fsctx__grep,mcp__fsctx__read,mcp__fsctx__answer", "max_results": 5]),
            ScriptedModelServer.tool("mcp__fsctx__grep", ["pattern": "lamp room", "path": "."]),
            ScriptedModelServer.tool("mcp__fsctx__read", ["path": "parts/0001.txt", "start": 7, "end": 10]),
            ScriptedModelServer.tool("mcp__fsctx__answer", ["answer": answer]),
            ScriptedModelServer.text(answer),
        ] }

        static var codexScript: [[String: Any]] { [
            ScriptedModelServer.tool("mcp__fsctx__grep", ["pattern": "lamp room", "path": "."]),
            ScriptedModelServer.tool("mcp__fsctx__read", ["path": "parts/0001.txt", "start": 7, "end": 10]),
            ScriptedModelServer.tool("mcp__fsctx__answer", ["answer": answer]),
            ScriptedModelServer.text(answer),
        ] }

        /// `fsctx launch` through `env` with the agent's own home and key.
        static func launch(_ corpus: SampleCorpus, key: String, _ arguments: [String], agent: [String], path: String? = nil) throws
            -> (status: Int32, stdout: String, stderr: String)
        {
            let home = corpus.directory.url.appendingPathComponent("home")
            return try execute("/usr/bin/env", try RealAgents.environment(home: home, key: key) + (path.map { ["PATH=\($0)"] } ?? [])
                + [try TestPaths.fsctx.path, "launch", corpus.root.path] + arguments + ["--"] + agent)
        }

        static func newKey() -> String { "sk-test-\(UUID().uuidString)" }

        /// The tool a step called: the imported call's own name for an outside step, else the Shell tool.
        static func toolName(_ step: [String: Any]) -> String {
            (step["tool_call"] as? [String: Any])?["name"] as? String ?? (step["tools"] as? [String])?.first ?? "?"
        }

        /// The log format an outside step was imported from.
        static func importedFormat(_ step: [String: Any]?) -> String? {
            (step?["imported"] as? [String: Any])?["format"] as? String
        }

        @Test("Claude Code: ToolSearch, then grep, read and answer over MCP; answer, cost, turns and usage from its JSON")
        func claudeCode() throws {
            let claude = try RealAgents.binary("claude")
            let corpus = try SampleCorpus()
            let server = try ScriptedModelServer(api: "anthropic", script: Self.claudeScript)
            let key = Self.newKey()
            let result = try Self.launch(corpus, key: key, ["--run", "claude-real", "--question", Self.question, "--agent-base-url", server.baseURL],
                                         agent: [claude, "-p", Self.question, "--output-format", "json", "--allowedTools", "mcp__fsctx"])
            #expect(result.status == 0, "\(result.stderr)")

            let offered = server.offeredTools
            #expect(offered.count == 5, "one request per script turn: \(server.requests)")
            #expect(offered.first?.contains("ToolSearch") == true && offered.first?.contains("mcp__fsctx__grep") == false,
                    "Claude Code defers MCP tools: \(offered.first ?? [])")
            #expect(offered.dropFirst().allSatisfy { $0.contains("mcp__fsctx__grep") && $0.contains("mcp__fsctx__answer") })
            #expect(!offered.joined().contains("Bash") && !offered.joined().contains("Write"), "launch denies Claude's own tools: \(offered)")
            #expect(server.requests.allSatisfy { $0["stream"] as? Bool == true && $0["authorization"] as? Bool == true })

            let steps = try corpus.steps("claude-real")
            #expect(steps.map(Self.toolName) == ["grep", "read", "answer", "ToolSearch"], "\(steps)")
            #expect(steps.prefix(3).allSatisfy { $0["outside"] == nil })
            #expect(steps.last?["outside"] as? Bool == true && Self.importedFormat(steps.last) == "claude-code", "imported from the session JSONL")
            #expect((steps[0]["output"] as? String)?.contains("second-order Fresnel lens") == true)

            let printed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let cost = try #require(printed["total_cost_usd"] as? Double)
            #expect(cost > 0)
            let answer = try corpus.json("claude-real", "answer.json")
            #expect(answer["answer"] as? String == Self.answer)
            #expect(answer["stopReason"] as? String == "answered")
            #expect(answer["steps"] as? Int == 4)
            let usage = try #require(answer["usage"] as? [String: Any])
            #expect(usage["costUSD"] as? Double == cost)
            #expect(usage["calls"] as? Int == printed["num_turns"] as? Int && usage["calls"] as? Int == 5)
            #expect(usage["promptTokens"] as? Int == 5 * 1200, "\(usage)")
            #expect(usage["completionTokens"] as? Int == 5 * 80, "\(usage)")
            let launch = try corpus.json("claude-real", "launch/launch.json")
            #expect(launch["outsideSteps"] as? Int == 1)
            #expect((launch["transcript"] as? String)?.hasSuffix("\(printed["session_id"] as? String ?? "?").jsonl") == true)
            #expect((launch["command"] as? [String])?.contains("--disallowedTools") == true)
            #expect(result.stderr.contains("4 tool calls recorded (1 with the agent's own tools, outside fsctx), 5 turns"), "\(result.stderr)")
            let listed = try execute(try TestPaths.fsctx.path, ["log", corpus.root.path])
            #expect(listed.stdout.contains("claude-real") && listed.stdout.contains(String(format: "$%.4f", cost)), "\(listed.stdout)")

            #expect(try !corpus.anyObjectContains(key), "the API key is in no git object")
            #expect(try gitCLI(["fsck", "--strict"], in: corpus.root).status == 0)
        }

        @Test("Claude Code with --allow-agent-tools: its own Bash call is recorded as an outside step; a broken stream falls back to JSON")
        func claudeOwnTools() throws {
            let claude = try RealAgents.binary("claude")
            let corpus = try SampleCorpus()
            var first = ScriptedModelServer.tool("Bash", ["command": "grep -c lamp parts/0001.txt", "description": "Count lamp lines"])
            first["cut_stream"] = true
            let server = try ScriptedModelServer(api: "anthropic", script: [first, ScriptedModelServer.text("Two lines.")])
            let result = try Self.launch(corpus, key: Self.newKey(), ["--run", "claude-bash", "--quiet", "--allow-agent-tools", "--agent-base-url", server.baseURL],
                                         agent: [claude, "-p", "How many lines of part 1 say lamp?", "--output-format", "json", "--allowedTools", "Bash"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(server.offeredTools.first?.contains("Bash") == true)
            let streamed = server.requests.map { "\($0["turn"] ?? "?") \($0["stream"] as? Bool == true ? "sse" : "json")" }
            #expect(streamed.prefix(2) == ["0 sse", "0 json"], "the cut stream is retried as a plain JSON request: \(streamed)")
            let steps = try corpus.steps("claude-bash")
            #expect(steps.count == 1, "\(steps)")
            #expect(steps.first?["outside"] as? Bool == true && steps.first.map(Self.toolName) == "Bash")
            #expect((steps.first?["program"] as? String)?.contains("grep -c lamp parts/0001.txt") == true)
            let counted = try String(contentsOf: corpus.root.appendingPathComponent("parts/0001.txt"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).filter { $0.contains("lamp") }.count
            #expect((steps.first?["output"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) == "\(counted)", "\(steps)")
            #expect(try corpus.json("claude-bash", "answer.json")["answer"] as? String == "Two lines.")
        }

        @Test("Codex: grep, read and answer over MCP (its own tools off); answer, turns and usage from its JSON events")
        func codex() throws {
            let codex = try RealAgents.binary("codex")
            let corpus = try SampleCorpus()
            let server = try ScriptedModelServer(api: "responses", script: Self.codexScript)
            let key = Self.newKey()
            let result = try Self.launch(corpus, key: key, ["--run", "codex-real", "--question", Self.question, "--agent-base-url", server.baseURL + "/v1"],
                                         agent: [codex, "exec", "--json", "-m", "scripted", "-c", "model_reasoning_effort=\"low\"", Self.question])
            #expect(result.status == 0, "\(result.stderr)")

            let offered = server.offeredTools
            #expect(offered.count == 4, "\(server.requests)")
            #expect(offered.allSatisfy { $0.contains("mcp__fsctx__grep") && $0.contains("mcp__fsctx__read") }, "\(offered)")
            #expect(!offered.joined().contains("exec_command") && !offered.joined().contains("shell"), "launch switches off Codex's shell: \(offered)")
            #expect(server.requests.allSatisfy { $0["stream"] as? Bool == true && $0["authorization"] as? Bool == true })

            let steps = try corpus.steps("codex-real")
            #expect(steps.map(Self.toolName) == ["grep", "read", "answer"], "\(steps)")
            #expect(steps.allSatisfy { $0["outside"] == nil })
            let answer = try corpus.json("codex-real", "answer.json")
            #expect(answer["answer"] as? String == Self.answer)
            #expect(answer["stopReason"] as? String == "answered")
            let usage = try #require(answer["usage"] as? [String: Any])
            #expect(usage["calls"] as? Int == 1, "one turn.completed: \(usage)")
            #expect(usage["promptTokens"] as? Int == 4 * 1200, "\(usage)")
            #expect(usage["completionTokens"] as? Int == 4 * 80, "\(usage)")
            #expect(usage["costUSD"] == nil, "Codex prints no cost")
            let run = try corpus.json("codex-real", "run.json")
            #expect((run["model"] as? String)?.hasPrefix("\(codex) exec --json") == true)
            let launch = try corpus.json("codex-real", "launch/launch.json")
            let command = try #require(launch["command"] as? [String])
            #expect(command[1] == "exec" && command[2] == "-c" && command[3].hasPrefix("mcp_servers.fsctx.command="), "flags after exec: \(command)")
            #expect((launch["transcript"] as? String)?.contains("/codex/sessions/") == true, "\(launch)")
            #expect(try !corpus.anyObjectContains(key), "the API key is in no git object")
            #expect(try gitCLI(["fsck", "--strict"], in: corpus.root).status == 0)
        }

        @Test("Codex with --allow-agent-tools: its exec_command call is recorded as an outside step")
        func codexOwnTools() throws {
            _ = try RealAgents.binary("codex")
            let corpus = try SampleCorpus()
            let server = try ScriptedModelServer(api: "responses", script: [
                ScriptedModelServer.tool("exec_command", ["cmd": "grep -c lamp parts/0001.txt"]),
                ScriptedModelServer.text("Two lines."),
            ])
            // `codex` by name, not on PATH: launch finds the one scripts/install-agents unpacked.
            let result = try Self.launch(corpus, key: Self.newKey(), ["--run", "codex-exec", "--quiet", "--allow-agent-tools", "--agent-base-url", server.baseURL + "/v1"],
                                         agent: ["codex", "exec", "--json", "-m", "scripted", "How many lines of part 1 say lamp?"], path: "/usr/bin:/bin")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(server.offeredTools.first?.contains("exec_command") == true)
            let steps = try corpus.steps("codex-exec")
            #expect(steps.count == 1, "\(steps)")
            #expect(steps.first?["outside"] as? Bool == true && steps.first.map(Self.toolName) == "exec_command")
            #expect((steps.first?["program"] as? String)?.contains("grep -c lamp parts/0001.txt") == true)
            #expect(Self.importedFormat(steps.first) == "codex-rollout", "imported from the rollout")
            #expect(try corpus.json("codex-exec", "answer.json")["answer"] as? String == "Two lines.")
        }

        @Test("the agents section for fsctx doctor: each CLI's version and path, or how to install it")
        func doctorChecks() throws {
            _ = try RealAgents.binary("claude")
            let checks = AgentInstallation.checks(environment: ["PATH": "/usr/bin:/bin", "FSCTX_AGENTS_DIR": RealAgents.folder.path])
            #expect(checks.map(\.name) == ["claude", "codex"] && checks.allSatisfy(\.ok), "\(checks)")
            #expect(checks[0].detail.contains("(Claude Code) at \(RealAgents.folder.path)/bin/claude"), "\(checks)")
            #expect(checks[1].detail.hasPrefix("codex-cli ") && checks[1].detail.hasSuffix("/bin/codex"), "\(checks)")
            let missing = AgentInstallation.checks(environment: ["PATH": "/nonexistent", "FSCTX_AGENTS_DIR": "/nonexistent/agents"])
            #expect(missing.map(\.ok) == [false, false])
            #expect(missing[0].detail == "not installed; run scripts/install-agents (fetches it from PyPI into /nonexistent/agents)")
            let doctor = try execute("/usr/bin/env", ["FSCTX_AGENTS_DIR=\(RealAgents.folder.path)", try TestPaths.fsctx.path, "doctor"])
            #expect(doctor.stdout.contains("Coding agents for fsctx launch\n  ok   claude: ") && doctor.stdout.contains("\n  ok   codex: codex-cli "),
                    "\(doctor.stdout)")
        }

        @Test("--timeout stops the real Claude Code while its model stalls; the run is recorded as budget_time")
        func claudeTimeout() throws {
            let claude = try RealAgents.binary("claude")
            let corpus = try SampleCorpus()
            let server = try ScriptedModelServer(api: "anthropic", script: Self.claudeScript, delay: 60)
            let started = Date()
            let result = try Self.launch(corpus, key: Self.newKey(), ["--run", "claude-slow", "--quiet", "--timeout", "4", "--agent-base-url", server.baseURL],
                                         agent: [claude, "-p", Self.question, "--output-format", "json"])
            #expect(Date().timeIntervalSince(started) < 30, "stopped near the timeout")
            #expect(result.status != 0 && result.stderr.contains("stopped after the timeout"), "\(result.stderr)")
            let answer = try corpus.json("claude-slow", "answer.json")
            #expect(answer["stopReason"] as? String == "budget_time", "\(answer)")
            #expect(try gitCLI(["fsck", "--strict"], in: corpus.root).status == 0)
        }

        @Test("Ctrl-C (SIGINT to the process group) stops the real Codex mid-turn; the run is recorded as interrupted")
        func codexInterrupt() throws {
            let codex = try RealAgents.binary("codex")
            let corpus = try SampleCorpus()
            let server = try ScriptedModelServer(api: "responses", script: Self.codexScript, delay: 60)
            let home = corpus.directory.url.appendingPathComponent("home")
            let environment = try RealAgents.environment(home: home, key: Self.newKey()).map { "'\($0)'" }.joined(separator: " ")
            let log = server.directory.url.appendingPathComponent("log.jsonl").path
            // Wait until Codex has sent its first model request (it is mid-turn), then Ctrl-C.
            let script = "setsid /usr/bin/env \(environment) '\(try TestPaths.fsctx.path)' launch '\(corpus.root.path)' --run int --quiet "
                + "--agent-base-url '\(server.baseURL)/v1' -- '\(codex)' exec --json -m scripted 'q' & pid=$!; "
                + "i=0; until [ -s '\(log)' ] || [ $i -ge 600 ]; do sleep 0.1; i=$((i + 1)); done; "
                + "sleep 0.5; /bin/kill -s INT -- -$pid; wait $pid; echo \"status $?\""
            let started = Date()
            let result = try execute("/bin/sh", ["-c", script])
            #expect(Date().timeIntervalSince(started) < 50)
            #expect(server.requests.count >= 1, "Codex reached the model before the interrupt")
            #expect(result.stdout.contains("status 130"), "\(result.stdout) \(result.stderr)")
            let answer = try corpus.json("int", "answer.json")
            #expect(answer["stopReason"] as? String == "interrupted", "\(answer)")
            #expect(try gitCLI(["fsck", "--strict"], in: corpus.root).status == 0)
        }
    }
}
