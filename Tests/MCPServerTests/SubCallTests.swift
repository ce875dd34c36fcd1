import Foundation
import Testing

extension EndToEndTests {
    /// `fsctx mcp --model`: the client's `sh` and `python` tools make model sub-calls, recorded as
    /// branches of the session's run. The server is the real binary over stdio; the sub-call model
    /// is the scripted server's chat API on loopback (real HTTP).
    @Suite("fsctx mcp --model: sub-calls for external agents")
    struct SubCallTests {
        /// The first non-empty line of a corpus file (what the fake model answers about it).
        static func firstLine(_ corpus: SampleCorpus, _ path: String) throws -> String {
            try String(contentsOf: corpus.root.appendingPathComponent(path), encoding: .utf8)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        }

        @Test("llm --each over two files, python's llm_query_batched, rlm at the depth limit: five branches merged back, fsck clean, key in no object")
        func subCallsAreBranches() throws {
            let corpus = try SampleCorpus()
            let model = try ScriptedModelServer(api: "anthropic", script: [])
            let key = "sk-sub-\(UUID().uuidString)"
            let client = try StdioMCPClient(
                ["mcp", corpus.root.path, "--run", "mcp-sub", "--model", "openai:fake-sub", "--base-url", model.baseURL + "/v1",
                 "--max-width", "2", "--max-depth", "1"],
                environment: ["FSCTX_SUBCALL_API_KEY": key, "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""])

            let tools = try client.toolDescriptions()
            #expect(tools["sh"]?.contains("llm") == true && tools["python"]?.contains("llm_query") == true,
                    "with --model the descriptions offer sub-calls: \(tools)")

            let each = try client.call("sh", ["program": "llm --each 'What is the first line?' parts/0001.txt parts/0002.txt"])
            #expect(!each.isError, "\(each.text)")
            for file in ["parts/0001.txt", "parts/0002.txt"] {
                #expect(each.text.contains("==> \(file) <==\nFirst line: \(try Self.firstLine(corpus, file))\n"), "\(each.text)")
            }
            let python = try client.call("python", ["code": "print(llm_query_batched(['Which word?', 'Which letter?'], context='gamma'))"])
            #expect(!python.isError && python.text.contains("['First line: gamma', 'First line: gamma']"), "\(python.text)")
            // At --max-depth 1 an rlm sub-call is a plain completion (as in `fsctx run --strategy rlm`).
            let deep = try client.call("sh", ["program": "rlm 'Who keeps the light?' parts/0001.txt"])
            let firstOfPart1 = try Self.firstLine(corpus, "parts/0001.txt")
            #expect(!deep.isError && deep.text == "First line: \(firstOfPart1)\n", "\(deep.text)")
            let answered = try client.call("answer", ["answer": "done"])
            #expect(!answered.isError)
            #expect(client.close() == 0)

            // Every sub-call went to the model over HTTP with the key from the environment.
            let chats = model.requests.filter { $0["api"] as? String == "chat" }
            #expect(chats.count == 5, "\(model.requests)")
            #expect(chats.allSatisfy { $0["authorization"] as? String == "Bearer \(key)" && $0["model"] as? String == "fake-sub" })

            // Five side branches, each merged back into the run's main ref by a two-parent commit.
            let branches = try gitCLI(["for-each-ref", "--format=%(refname)", "refs/fsctx/branches/mcp-sub/"], in: corpus.root).stdout
                .split(separator: "\n")
            #expect(branches.count == 5 && branches.filter { $0.contains("/llm-") }.count == 4 && branches.filter { $0.contains("/rlm-") }.count == 1,
                    "\(branches)")
            let merges = try gitCLI(["log", "--merges", "--format=%P %s", "refs/fsctx/runs/mcp-sub"], in: corpus.root).stdout
                .split(separator: "\n")
            #expect(merges.count == 5 && merges.allSatisfy { $0.split(separator: " ").count > 2 && $0.contains("subcall ") }
                        && merges.filter { $0.contains("subcall llm root/llm-") }.count == 4,
                    "\(merges)")
            for branch in branches {
                let tip = try gitCLI(["rev-parse", String(branch)], in: corpus.root).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(try gitCLI(["merge-base", "--is-ancestor", tip, "refs/fsctx/runs/mcp-sub"], in: corpus.root).status == 0,
                        "\(branch) is merged into the run")
            }
            let steps = try corpus.steps("mcp-sub")
            let subcallTurns = steps.filter { $0["kind"] as? String == "model" && $0["role"] as? String == "subcall" }
            #expect(subcallTurns.count == 5, "each sub-call's model turn is a step on its branch: \(steps.map { $0["kind"] ?? "?" })")
            let shell = steps.filter { $0["mcp_tool"] as? String == "sh" }
            #expect(shell.count == 2 && (shell.first?["output"] as? String)?.contains("==> parts/0002.txt <==") == true)

            let configuration = try corpus.json("mcp-sub", "run.json")
            #expect((configuration["modelSettings"] as? [String: Any])?["subModel"] as? String == "openai:fake-sub")
            #expect((configuration["budget"] as? [String: Any])?["maxWidth"] as? Int == 2)
            #expect((configuration["budget"] as? [String: Any])?["maxDepth"] as? Int == 1)
            let outcome = try corpus.json("mcp-sub", "answer.json")
            #expect(outcome["answer"] as? String == "done" && outcome["subcalls"] as? Int == 5 && outcome["depth"] as? Int == 1)
            #expect((outcome["usage"] as? [String: Any])?["promptTokens"] as? Int == 500, "the sub-calls' usage: \(outcome)")

            #expect(try !corpus.anyObjectContains(key), "the API key is in no git object")
            let fsck = try gitCLI(["fsck", "--strict"], in: corpus.root)
            #expect(fsck.status == 0, "\(fsck.stderr)")
        }

        @Test("a later session appending to the run with the same sub-call gets a new branch name, not a clash")
        func appendedSessionsDoNotClash() throws {
            let corpus = try SampleCorpus()
            let model = try ScriptedModelServer(api: "anthropic", script: [])
            for _ in 0..<2 {
                let client = try StdioMCPClient(
                    ["mcp", corpus.root.path, "--run", "twice", "--model", "openai:fake-sub", "--base-url", model.baseURL + "/v1"],
                    environment: ["FSCTX_SUBCALL_API_KEY": "sk-test"])
                let reply = try client.call("sh", ["program": "llm 'What is the first line?' parts/0001.txt"])
                #expect(!reply.isError, "\(reply.text)")
                #expect(client.close() == 0)
            }
            let branches = try gitCLI(["for-each-ref", "--format=%(refname:lstrip=4)", "refs/fsctx/branches/twice/"], in: corpus.root).stdout
                .split(separator: "\n").map(String.init)
            #expect(branches.count == 2 && branches.contains { $0.hasSuffix("-2") } && branches.allSatisfy { $0.hasPrefix("llm-") }, "\(branches)")
            #expect(try gitCLI(["fsck", "--strict"], in: corpus.root).status == 0)
        }

        @Test("without --model the tools offer no sub-calls and llm says what is needed; bad --model use is one line")
        func noModelAndBadInput() throws {
            let corpus = try SampleCorpus()
            let client = try StdioMCPClient(["mcp", corpus.root.path, "--run", "no-model"])
            let tools = try client.toolDescriptions()
            #expect(tools["sh"]?.contains("llm") == false && tools["python"]?.contains("llm_query") == false, "\(tools)")
            let refused = try client.call("sh", ["program": "llm 'say hi' INDEX.md"])
            #expect(refused.isError && refused.text.contains("sub-calls need a model") && refused.text.contains("fsctx mcp --model"),
                    "\(refused.text)")
            #expect(client.close() == 0)
            #expect(try gitCLI(["for-each-ref", "refs/fsctx/branches/"], in: corpus.root).stdout.isEmpty)

            let fsctx = try TestPaths.fsctx.path
            for arguments in [["--model", "openai:x", "--base-url", "http://127.0.0.1:9/v1", "--no-record"], ["--model", "gpt-4"],
                              ["--model", "replay:some-run"], ["--sub-model", "openai:x"]] {
                let result = try execute("/usr/bin/env", ["-u", "ANTHROPIC_API_KEY", fsctx, "mcp", corpus.root.path] + arguments)
                #expect(result.status != 0 && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            }
            let noKey = try execute("/usr/bin/env", ["-u", "ANTHROPIC_API_KEY", "-u", "FSCTX_SUBCALL_API_KEY", fsctx, "mcp", corpus.root.path,
                                                     "--model", "anthropic:claude-x"])
            #expect(noKey.status != 0 && noKey.stderr.contains("ANTHROPIC_API_KEY"), "\(noKey.stderr)")
        }
    }
}
