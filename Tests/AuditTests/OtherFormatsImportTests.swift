import Audit
import FSContext
import SharedValues
import Foundation
import Recursion
import Testing

@Suite struct OtherFormatsImportTests {
    @Test func codexRolloutTakesTokenDifferencesAndKeepsResumesAndCompactions() throws {
        let session = try RunImporter.read(files: [fixture("codex/rollout-2026-01-12T09-00-00-0199a1b2.jsonl")])
        #expect(session.question == "What is the magic number?")
        #expect(session.model == "gpt-5-codex")
        #expect(session.sessionID == "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        #expect(session.answer == "The magic number is 4417.")
        let turns = session.root.events.compactMap { if case .turn(let turn) = $0 { turn } else { nil } }
        let usages = turns.compactMap(\.usage)
        // Running totals 3000/120 → 6400/170 → 9000/190 become 3000/120, 3400/50, 2600/20.
        #expect(usages.map(\.promptTokens) == [3000, 3400, 2600])
        #expect(usages.map(\.completionTokens) == [120, 50, 20])
        let tools = session.root.events.compactMap { if case .tool(let tool) = $0 { tool } else { nil } }
        #expect(tools.map(\.call.name) == ["shell", "shell", "apply_patch", "shell"])
        #expect(tools[0].output == "docs/0003.txt:12:the magic number is 4417\n")
        #expect(tools[0].exitStatus == 0 && tools[0].durationSeconds == 0.042)
        #expect(tools[1].output == "The grass is green.\nthe magic number is 4417\n")
        #expect(tools[3].output == nil)  // aborted before its output
        let notes = session.root.events.compactMap { if case .note(let note) = $0 { note.kind } else { nil } }
        #expect(notes.contains("compaction") && notes.contains("resume") && notes.contains("aborted") && notes.contains("missing_result"))
        #expect(session.unread.count == 1 && session.unread.firstLine == 27)
    }

    @Test func codexMCPCallsAreNamedByNamespaceAndName() throws {
        let text = """
        {"timestamp":"2026-01-12T09:00:00.000Z","type":"session_meta","payload":{"id":"s-1","cwd":"/w","cli_version":"0.163.0"}}
        {"timestamp":"2026-01-12T09:00:01.000Z","type":"response_item","payload":{"type":"function_call","namespace":"mcp__fsctx","name":"grep","arguments":"{\\"pattern\\":\\"magic\\"}","call_id":"c1"}}
        {"timestamp":"2026-01-12T09:00:02.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c1","output":"docs/0003.txt:12:the magic number is 4417"}}
        """
        let session = try LogFormat.codexRollout.read(text, sources: ["inline"])
        let names = session.root.events.compactMap { if case .tool(let tool) = $0 { tool.call.name } else { nil } }
        #expect(names == ["mcp__fsctx__grep"])
        #expect(session.unread.count == 0)
    }

    @Test func codexExecStream() throws {
        let session = try RunImporter.read(files: [fixture("codex/exec.jsonl")])
        #expect(session.sessionID == "0199b2c3-d4e5-7f60-8a9b-1c2d3e4f5a6b")
        #expect(session.answer == "The magic number is 4417.")
        let tools = session.root.events.compactMap { if case .tool(let tool) = $0 { tool.call.name } else { nil } }
        #expect(tools == ["shell", "apply_patch", "fsctx.grep"])
        let usage = session.root.events.compactMap { if case .turn(let turn) = $0 { turn.usage } else { nil } }
        #expect(usage.map(\.promptTokens) == [5200])
        #expect(session.unread.count == 1 && session.unread.firstLine == 11)
    }

    @Test func rlmLogWithSubCallsAsBranches() async throws {
        let corpus = try CorpusFixture()
        let reports = try await RunImporter.importLogs([fixture("rlm/rlm_2026-01-12_09-00-00_1a2b3c4d.jsonl")], into: corpus.url,
                                                       options: ImportOptions(runID: "rlm-1"))
        #expect(reports[0].agents == 2)
        let catalog = try RunCatalog(repositoryAt: corpus.url)
        let summary = try catalog.summary("rlm-1")
        #expect(summary.question == "What is the magic number?")
        #expect(summary.answer == "4417")
        #expect(summary.status == "answered")
        let steps = try catalog.steps("rlm-1")
        #expect(steps.filter { $0.kind == "program" }.map(\.program) == ["print(context[:100])",
                                                                          "answer = llm_query('Find the magic number in: ' + chunk)\nprint(answer)"])
        #expect(steps.contains { $0.agent == "root/rlm-1" && $0.kind == "model" })
        let graph = try git(["log", "--graph", "--oneline", "refs/fsctx/runs/rlm-1"], in: corpus.url)
        #expect(graph.stdout.contains("merge root/rlm-1 into root"))
    }

    @Test func realSWEAgentTrajectory() async throws {
        let target = TemporaryDirectory("fsctx-audit-swe")
        let repo = target.url.appendingPathComponent("runs")
        let reports = try await RunImporter.importLogs([fixture("swe-agent/6e44b9__sweagenttestrepo-1c2844.traj")], into: repo,
                                                       options: ImportOptions(runID: "swe-1"))
        #expect(reports[0].format == .sweAgent)
        #expect(reports[0].steps == 10)  // five actions: a model turn and a program each
        let catalog = try RunCatalog(repositoryAt: repo)
        let summary = try catalog.summary("swe-1")
        #expect(summary.status == "answered")
        #expect(summary.answer?.contains("def division(a: float, b: float) -> float:") == true)
        #expect(summary.tokens == 7141 + 243)
        #expect(summary.costUSD.map { abs($0 - 0.01952) < 1e-9 } == true)
        let programs = try catalog.steps("swe-1").filter { $0.kind == "program" }
        #expect(programs.first?.program == "find_file missing_colon.py")
        #expect(programs.first?.record["tools"] == ["find_file"])
        #expect(try git(["fsck", "--strict"], in: repo).status == 0)
    }

    @Test func miniSWEAgentAndOpenAIChat() throws {
        let mini = try RunImporter.read(files: [fixture("mini-swe-agent/magic.traj.json")])
        #expect(mini.question.contains("What is the magic number?"))
        #expect(mini.answer == "4417\n")
        #expect(mini.ending == .answered)
        let commands = mini.root.events.compactMap { if case .tool(let tool) = $0 { tool.call.input["command"]?.stringValue } else { nil } }
        #expect(commands.first == "grep -rn magic docs")
        #expect(mini.unread.count == 1 && mini.unread.firstLine == 9)
        let chat = try RunImporter.read(files: [fixture("openai/chat.json")])
        #expect(chat.question == "What is the magic number?")
        #expect(chat.answer == "The magic number is 4417.")
        let tools = chat.root.events.compactMap { if case .tool(let tool) = $0 { tool.output } else { nil } }
        #expect(tools == ["docs/0003.txt:12:the magic number is 4417", "12\tthe magic number is 4417"])
    }

    @Test func entireCheckpointBranch() async throws {
        let source = TemporaryDirectory("fsctx-audit-entire")
        let repository = try GitRepository.create(at: source.url)
        let transcript = try Data(contentsOf: fixture("claude-code/session.jsonl"))
        let metadata = #"{"checkpoint_id":"ab12cd34ef56","strategy":"manual-commit","sessions":[{"transcript":"/ab/12cd34ef56/0/full.jsonl"}]}"#
        let tree = try repository.writeTree(updating: nil, with: [
            "ab/12cd34ef56/metadata.json": .blob(try repository.writeBlob(text: metadata)),
            "ab/12cd34ef56/0/full.jsonl": .blob(try repository.writeBlob(transcript)),
            "ab/12cd34ef56/0/prompt.txt": .blob(try repository.writeBlob(text: "What is the magic number in the corpus?\n")),
        ])
        let commit = try repository.writeCommit(tree: tree, parents: [], message: "Checkpoint: ab12cd34ef56\n")
        try repository.updateReference("refs/heads/entire/checkpoints/v1", to: commit, logMessage: "entire")
        let corpus = try CorpusFixture()
        let reports = try await EntireCheckpoints.importSessions(from: source.url, into: corpus.url)
        #expect(reports.map(\.runID) == ["entire-ab12cd34ef56-0"])
        #expect(try RunCatalog(repositoryAt: corpus.url).summary("entire-ab12cd34ef56-0").answer == "The magic number is 4417.")
        let empty = TemporaryDirectory("fsctx-audit-noentire")
        _ = try GitRepository.create(at: empty.url)
        await #expect(throws: AuditError.self) { try await EntireCheckpoints.importSessions(from: empty.url, into: corpus.url) }
    }

    @Test func badInputSaysWhatWasWrong() throws {
        let folder = TemporaryDirectory("fsctx-audit-bad")
        let file = folder.url.appendingPathComponent("notes.txt")
        try "just some notes\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: AuditError(.unknownFormat, "cannot tell the format of \(file.path): not a Claude Code, Codex, rlm, SWE-agent, "
                                   + "mini-swe-agent or OpenAI chat log; pass --format to name it")) {
            try RunImporter.read(files: [file])
        }
        #expect(throws: AuditError.self) { try RunImporter.read(files: [folder.url.appendingPathComponent("missing.jsonl")]) }
    }
}
