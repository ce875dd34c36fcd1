import Foundation
import Testing

extension EndToEndTests.RealAgentTests {
    @Test("Claude Code with launch --model: one llm --each sub-call over two files, recorded as two branches; the key in no object or argument")
    func claudeCodeSubCalls() throws {
        let claude = try RealAgents.binary("claude")
        let corpus = try SampleCorpus()
        let files = ["parts/0001.txt", "parts/0002.txt"]
        let program = "llm --each 'What is the first line?' \(files.joined(separator: " "))"
        let server = try ScriptedModelServer(api: "anthropic", script: [
            ScriptedModelServer.tool("ToolSearch", ["query": "select:mcp__fsctx__sh,mcp__fsctx__answer", "max_results": 5]),
            ScriptedModelServer.tool("mcp__fsctx__sh", ["program": program]),
            ScriptedModelServer.tool("mcp__fsctx__answer", ["answer": Self.answer]),
            ScriptedModelServer.text(Self.answer),
        ])
        let agentKey = Self.newKey(), subCallKey = "sk-sub-\(UUID().uuidString)"
        let result = try Self.launch(
            corpus, key: agentKey,
            ["--run", "claude-sub", "--question", Self.question, "--agent-base-url", server.baseURL,
             "--model", "openai:fake-sub", "--base-url", server.baseURL + "/v1", "--api-key", subCallKey],
            agent: [claude, "-p", Self.question, "--output-format", "json", "--allowedTools", "mcp__fsctx"])
        #expect(result.status == 0, "\(result.stderr)")

        let agentTurns = server.requests.filter { $0["api"] as? String == "anthropic" }
        #expect(agentTurns.dropFirst().allSatisfy { ($0["tools"] as? [String])?.contains("mcp__fsctx__sh") == true }, "\(agentTurns)")
        // The two sub-calls reached the sub-call model with the sub-call key (through the agent's
        // environment to the server it started), not with the agent's key.
        let chats = server.requests.filter { $0["api"] as? String == "chat" }
        #expect(chats.count == 2 && chats.allSatisfy { $0["authorization"] as? String == "Bearer \(subCallKey)" }, "\(chats)")

        let steps = try corpus.steps("claude-sub")
        let calls = steps.filter { $0["kind"] as? String != "model" }
        #expect(calls.map { $0["mcp_tool"] as? String ?? Self.toolName($0) } == ["sh", "answer", "ToolSearch"], "\(calls)")
        let output = calls.first?["output"] as? String ?? ""
        for file in files {
            let first = try EndToEndTests.SubCallTests.firstLine(corpus, file)
            #expect(output.contains("==> \(file) <==\nFirst line: \(first)\n"), "\(output)")
        }
        #expect(steps.filter { $0["role"] as? String == "subcall" }.count == 2, "each sub-call's model turn is a step")

        let branches = try gitCLI(["for-each-ref", "--format=%(refname)", "refs/fsctx/branches/claude-sub/"], in: corpus.root).stdout
            .split(separator: "\n")
        #expect(branches.count == 2 && branches.allSatisfy { $0.contains("/llm-") }, "\(branches)")
        let merges = try gitCLI(["log", "--merges", "--format=%s", "refs/fsctx/runs/claude-sub"], in: corpus.root).stdout
            .split(separator: "\n")
        #expect(merges.count == 2 && merges.allSatisfy { $0.hasPrefix("subcall llm root/llm-") }, "\(merges)")

        let configuration = try corpus.json("claude-sub", "launch/mcp.json")
        let mcpServer = (configuration["mcpServers"] as? [String: Any])?["fsctx"] as? [String: Any]
        let arguments = mcpServer?["args"] as? [String] ?? []
        #expect(arguments.contains("--model") && arguments.contains("openai:fake-sub") && !arguments.contains("--api-key"), "\(arguments)")
        let launch = try corpus.json("claude-sub", "launch/launch.json")
        #expect(!((launch["command"] as? [String]) ?? []).joined(separator: " ").contains(subCallKey))
        let outcome = try corpus.json("claude-sub", "answer.json")
        #expect(outcome["answer"] as? String == Self.answer && outcome["subcalls"] as? Int == 2 && outcome["depth"] as? Int == 1, "\(outcome)")
        #expect(result.stderr.contains("3 tool calls recorded (1 with the agent's own tools, outside fsctx), 2 sub-calls (branches)"),
                "\(result.stderr)")
        #expect(try !corpus.anyObjectContains(subCallKey) && !corpus.anyObjectContains(agentKey), "no key is in any git object")
        let fsck = try gitCLI(["fsck", "--strict"], in: corpus.root)
        #expect(fsck.status == 0, "\(fsck.stderr)")
    }
}

extension EndToEndTests.RealAgentTests {
    @Test("Codex with launch --model: the sub-call key reaches its MCP server through mcp_servers.fsctx.env_vars, never an argument")
    func codexSubCalls() throws {
        let codex = try RealAgents.binary("codex")
        let corpus = try SampleCorpus()
        let server = try ScriptedModelServer(api: "responses", script: [
            ScriptedModelServer.tool("mcp__fsctx__sh", ["program": "llm --each 'What is the first line?' parts/0001.txt parts/0002.txt"]),
            ScriptedModelServer.tool("mcp__fsctx__answer", ["answer": Self.answer]),
            ScriptedModelServer.text(Self.answer),
        ])
        let subCallKey = "sk-sub-\(UUID().uuidString)"
        let result = try Self.launch(
            corpus, key: Self.newKey(),
            ["--run", "codex-sub", "--quiet", "--agent-base-url", server.baseURL + "/v1",
             "--model", "openai:fake-sub", "--base-url", server.baseURL + "/v1", "--api-key", subCallKey],
            agent: [codex, "exec", "--json", "-m", "scripted", Self.question])
        #expect(result.status == 0, "\(result.stderr)")
        let chats = server.requests.filter { $0["api"] as? String == "chat" }
        #expect(chats.count == 2 && chats.allSatisfy { $0["authorization"] as? String == "Bearer \(subCallKey)" }, "\(chats)")
        let command = try corpus.json("codex-sub", "launch/launch.json")["command"] as? [String] ?? []
        #expect(command.contains("mcp_servers.fsctx.env_vars=[\"FSCTX_SUBCALL_API_KEY\"]") && !command.joined().contains(subCallKey), "\(command)")
        let branches = try gitCLI(["for-each-ref", "--format=%(refname)", "refs/fsctx/branches/codex-sub/"], in: corpus.root).stdout
        #expect(branches.split(separator: "\n").count == 2, "\(branches)")
        #expect(result.stderr.contains("2 tool calls recorded, 2 sub-calls (branches)"), "\(result.stderr)")
        #expect(try !corpus.anyObjectContains(subCallKey))
        #expect(try gitCLI(["fsck", "--strict"], in: corpus.root).status == 0)
    }
}
