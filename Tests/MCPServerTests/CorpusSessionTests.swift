import FSContext
import Foundation
import MCP
@testable import MCPServer
import Recursion
import Shell
import Testing

/// The server's pieces in process: the tool list, replies and the session's run records.
@Suite("MCP tools and sessions in process")
struct CorpusSessionTests {
    @Test("the MCP tools are ToolCatalog's, with read-only hints where true")
    func toolsComeFromTheCatalog() throws {
        let tools = ToolCatalog.tools.map(\.mcpTool)
        #expect(tools.map(\.name) == ToolCatalog.tools.map(\.name))
        for (tool, definition) in zip(tools, ToolCatalog.tools) {
            #expect(tool.description == definition.description)
            #expect(JSONValue(mcp: tool.inputSchema) == definition.parameters)
            #expect(tool.annotations.readOnlyHint == definition.readOnly)
            #expect(tool.annotations.openWorldHint == false)
        }
        #expect(tools.filter { $0.annotations.readOnlyHint == true }.map(\.name).sorted() == ["find", "grep", "ls", "read"])
    }

    @Test("JSON survives the trip through MCP values")
    func jsonRoundTrip() {
        let value: JSONValue = ["a": [1, 2.5, "x", true, nil], "b": ["c": -3]]
        #expect(JSONValue(mcp: value.mcpValue) == value)
    }

    @Test("an escape is an error reply, the session goes on; a new run ends with no_answer")
    func escapeAndNoAnswer() async throws {
        let corpus = try SampleCorpus()
        let session = try CorpusSession(options: MCPSessionOptions(corpusRoot: corpus.root, runID: "in-process"))
        await session.setClient(name: "test-client", version: "1.0")
        let refused = await session.call("read", arguments: ["path": "../../etc/passwd"])
        #expect(refused.isError && refused.text.contains("leaves the corpus"))
        let none = await session.call("grep", arguments: ["pattern": "zzz-not-there"])
        #expect(!none.isError && none.text == "(no matches)\n")
        let hit = await session.call("grep", arguments: ["pattern": "Fresnel"])
        #expect(!hit.isError && hit.text.contains("parts/0001.txt:9:"))
        let failed = await session.call("sh", arguments: ["program": "cat no-such-file"])
        #expect(failed.isError && failed.text.hasSuffix("[exit status 1]\n"))
        let unknown = await session.call("rm", arguments: ["path": "x"])
        #expect(unknown.isError && unknown.text.contains("unknown tool 'rm'"))
        #expect(await session.callCount == 5)
        #expect(await session.finish() == nil)

        let log = try corpus.log("in-process")
        let expected = 8  // materialize, run.json, 5 steps, answer.json
        #expect(log.count == expected, "\(log)")
        let configuration = try JSONDecoder().decode(RunConfiguration.self, from: Data(try corpus.show("in-process", "run.json").utf8))
        #expect(configuration.strategy == "mcp" && configuration.model == "mcp-client:test-client 1.0")
        let outcome = try JSONDecoder().decode(RunOutcome.self, from: Data(try corpus.show("in-process", "answer.json").utf8))
        #expect(outcome.stopReason == .noAnswer && outcome.steps == 5 && outcome.answer == nil)
    }

    @Test("--run appends to an existing run and leaves its end to its owner")
    func appendToExistingRun() async throws {
        let corpus = try SampleCorpus()
        let first = try CorpusSession(options: MCPSessionOptions(corpusRoot: corpus.root, runID: "shared"))
        _ = await first.call("ls", arguments: [:])
        _ = await first.finish()
        let second = try CorpusSession(options: MCPSessionOptions(corpusRoot: corpus.root, runID: "shared"))
        let answered = await second.call("answer", arguments: ["answer": "forty-two"])
        #expect(!answered.isError)
        _ = await second.finish()
        let log = try corpus.log("shared")
        #expect(log.filter { $0.hasPrefix("step ") } == ["step 2 answer -- 'forty-two' → 1 line", "step 1 ls '.' → 2 lines"])
        #expect(log.filter { $0.hasPrefix("run shared") }.count == 1)
        let outcome = try JSONDecoder().decode(RunOutcome.self, from: Data(try corpus.show("shared", "answer.json").utf8))
        #expect(outcome.answer == "forty-two" && outcome.stopReason == .answered && outcome.steps == 2)
    }

    @Test("parallel calls run one after another, each its own step, run.json first")
    func parallelCalls() async throws {
        let corpus = try SampleCorpus()
        let session = try CorpusSession(options: MCPSessionOptions(corpusRoot: corpus.root, runID: "parallel"))
        let replies = await withTaskGroup(of: ToolReply.self) { group in
            for index in 1...6 { group.addTask { await session.call("read", arguments: ["path": "parts/0001.txt", "start": .number(Double(index)), "end": .number(Double(index))]) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(replies.count == 6 && replies.allSatisfy { !$0.isError })
        let log = try corpus.log("parallel")
        #expect(log.filter { $0.hasPrefix("step ") }.count == 6)
        #expect(log.dropLast().last?.hasPrefix("run parallel:") == true, "run.json comes right after the corpus commit: \(log)")
        let steps: [Substring] = log.filter { $0.hasPrefix("step ") }.map { $0.split(separator: " ")[1] }
        #expect(Set(steps) == ["1", "2", "3", "4", "5", "6"])
    }

    @Test("not a corpus, a bad run id: a clear error")
    func badInput() throws {
        let folder = TemporaryDirectory()
        #expect(throws: MCPServerError.self) { try CorpusSession(options: MCPSessionOptions(corpusRoot: folder.url)) }
        let corpus = try SampleCorpus()
        do {
            _ = try CorpusSession(options: MCPSessionOptions(corpusRoot: corpus.root, runID: "../x"))
            Issue.record("a bad run id was accepted")
        } catch let error as MCPServerError {
            #expect(error.message.contains("invalid run id '../x'"))
        }
    }
}

/// Parsing what agents print, and the flags launch adds for them.
@Suite("Agent results and flags")
struct AgentResultTests {
    @Test("Claude Code's --output-format json and the last line of stream-json")
    func claude() throws {
        let json = #"{"type":"result","subtype":"success","is_error":false,"num_turns":7,"result":"42","total_cost_usd":0.1234,"usage":{"input_tokens":10,"cache_read_input_tokens":5,"cache_creation_input_tokens":1,"output_tokens":3}}"#
        let result = try #require(AgentResult.parse(stdout: json + "\n"))
        #expect(result == AgentResult(format: "claude", result: "42", costUSD: 0.1234, turns: 7, inputTokens: 16, outputTokens: 3))
        let stream = #"{"type":"system","subtype":"init"}"# + "\n" + #"{"type":"assistant","message":{}}"# + "\n" + json + "\n"
        #expect(AgentResult.parse(stdout: stream) == result)
        let pretty = "{\n  \"type\": \"result\",\n  \"result\": \"x\",\n  \"num_turns\": 2\n}\n"
        #expect(AgentResult.parse(stdout: pretty)?.turns == 2)
        #expect(AgentResult.parse(stdout: #"{"type":"result","subtype":"error_max_turns","num_turns":9}"#)?.isError == true)
    }

    @Test("Codex exec --json events")
    func codex() throws {
        let lines = [
            #"{"type":"thread.started","thread_id":"t"}"#, #"{"type":"turn.started"}"#,
            #"{"type":"item.completed","item":{"id":"1","type":"agent_message","text":"first"}}"#,
            #"{"type":"turn.completed","usage":{"input_tokens":100,"cached_input_tokens":20,"output_tokens":7}}"#,
            #"{"type":"item.completed","item":{"id":"2","type":"agent_message","text":"The answer is 42."}}"#,
            #"{"type":"turn.completed","usage":{"input_tokens":50,"output_tokens":3}}"#,
        ]
        let result = try #require(AgentResult.parse(stdout: lines.joined(separator: "\n")))
        #expect(result == AgentResult(format: "codex", result: "The answer is 42.", costUSD: nil, turns: 2, inputTokens: 150, outputTokens: 10))
    }

    @Test("plain text is no result")
    func plainText() {
        #expect(AgentResult.parse(stdout: "I think the answer is 42.\n{not json}\n") == nil)
        #expect(AgentResult.parse(stdout: #"{"unrelated":true}"#) == nil)
    }

    @Test("claude gets --mcp-config, codex gets -c overrides after its subcommand, others nothing")
    func agentFlags() {
        let fsctx = URL(fileURLWithPath: "/opt/fsctx")
        let config = URL(fileURLWithPath: "/tmp/x/mcp.json")
        let arguments = ["mcp", "/data/corpus", "--run", "r1"]
        #expect(AgentLauncher.agentCommand(["claude", "-p", "q"], configFile: config, fsctx: fsctx, arguments: arguments)
            == ["claude", "--mcp-config", "/tmp/x/mcp.json", "-p", "q"])
        let server = ["-c", #"mcp_servers.fsctx.command="/opt/fsctx""#, "-c", #"mcp_servers.fsctx.args=["mcp", "/data/corpus", "--run", "r1"]"#,
                      "-c", "mcp_servers.fsctx.startup_timeout_sec=60", "-c", "mcp_servers.fsctx.tool_timeout_sec=600"]
        // A subcommand's own -c list replaces the top-level one, so ours go after `exec`.
        #expect(AgentLauncher.agentCommand(["/usr/local/bin/codex", "-m", "o3", "exec", "-c", "x=1", "q"], configFile: config, fsctx: fsctx, arguments: arguments)
            == ["/usr/local/bin/codex", "-m", "o3", "exec"] + server + ["-c", "x=1", "q"])
        #expect(AgentLauncher.agentCommand(["codex", "e", "q"], configFile: config, fsctx: fsctx, arguments: arguments) == ["codex", "e"] + server + ["q"])
        #expect(AgentLauncher.agentCommand(["codex", "what is here?"], configFile: config, fsctx: fsctx, arguments: arguments)
            == ["codex"] + server + ["what is here?"], "the interactive CLI takes them at the top")
        #expect(AgentLauncher.agentCommand(["python3", "agent.py"], configFile: config, fsctx: fsctx, arguments: arguments) == ["python3", "agent.py"])
        #expect(AgentLauncher.commandLine(["claude", "-p", "Who kept it?", "--x=1"]) == "claude -p 'Who kept it?' --x=1")
    }

    @Test("by default the agents' own tools are off; --agent-base-url sets each CLI's model server")
    func agentToolsAndBaseURL() {
        let fsctx = URL(fileURLWithPath: "/opt/fsctx")
        let config = URL(fileURLWithPath: "/tmp/x/mcp.json")
        let claude = AgentLauncher.agentCommand(["claude", "-p", "q"], configFile: config, fsctx: fsctx, arguments: [], allowAgentTools: false)
        #expect(claude.prefix(4) == ["claude", "--mcp-config", "/tmp/x/mcp.json", "--disallowedTools"])
        #expect(claude[4].split(separator: ",").contains("Bash") && claude[4].split(separator: ",").contains("Write"))
        let codex = AgentLauncher.agentCommand(["codex", "exec", "q"], configFile: config, fsctx: fsctx, arguments: [],
                                               allowAgentTools: false, baseURL: "http://127.0.0.1:9/v1")
        #expect(codex.contains("features.shell_tool=false") && codex.contains("features.unified_exec=false") && codex.contains(#"sandbox_mode="read-only""#))
        #expect(codex.contains(#"model_provider="fsctx""#))
        #expect(codex.contains(#"model_providers.fsctx={name="fsctx", base_url="http://127.0.0.1:9/v1", wire_api="responses", env_key="OPENAI_API_KEY"}"#))
        #expect(codex.last == "q")
        #expect(!AgentLauncher.agentCommand(["codex", "exec", "q"], configFile: config, fsctx: fsctx, arguments: [], allowAgentTools: true)
            .contains("features.shell_tool=false"))
        let base = ["PATH": "/bin"]
        let claudeEnvironment = AgentLauncher.agentEnvironment(
            configFile: config, runID: "r", corpusRoot: fsctx, question: "", agent: .claude, baseURL: "http://h:1", base: base)
        #expect(claudeEnvironment["ANTHROPIC_BASE_URL"] == "http://h:1" && claudeEnvironment["OPENAI_BASE_URL"] == nil)
        let codexEnvironment = AgentLauncher.agentEnvironment(
            configFile: config, runID: "r", corpusRoot: fsctx, question: "", agent: .codex, baseURL: "http://h:1", base: base)
        #expect(codexEnvironment["ANTHROPIC_BASE_URL"] == nil && codexEnvironment["OPENAI_BASE_URL"] == nil)
        let other = AgentLauncher.agentEnvironment(
            configFile: config, runID: "r", corpusRoot: fsctx, question: "", agent: .other, baseURL: "http://h:1", base: base)
        #expect(other["ANTHROPIC_BASE_URL"] == "http://h:1" && other["OPENAI_BASE_URL"] == "http://h:1")
    }

    @Test("Codex's initialize (object-valued experimental capabilities) becomes readable for the swift-sdk; other messages pass unchanged")
    func codexInitialize() throws {
        let codex = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{"experimental":{"codex/auth-change":{},"plain":"x"},"elicitation":{"form":{},"url":{}}},"clientInfo":{"name":"codex-mcp-client","title":"Codex","version":"0.163.0"}}}"#
        let rewritten = try #require(JSONValue(parsing: String(decoding: ClientCapabilityTransport.readable(Data(codex.utf8)), as: UTF8.self)))
        #expect(rewritten["params"]?["capabilities"]?["experimental"] == ["codex/auth-change": "{}", "plain": "x"])
        #expect(rewritten["params"]?["clientInfo"]?["name"] == "codex-mcp-client")
        #expect(rewritten["id"] == 0)
        let decoded = try JSONDecoder().decode(MCP.Initialize.Parameters.self, from: Data(rewritten["params"]!.jsonText.utf8))
        #expect(decoded.clientInfo.name == "codex-mcp-client")
        for message in [#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#,
                        #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}"#] {
            #expect(ClientCapabilityTransport.readable(Data(message.utf8)) == Data(message.utf8))
        }
    }
}
