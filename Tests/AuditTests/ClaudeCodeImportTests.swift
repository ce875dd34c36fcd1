import Audit
import FSContext
import SharedValues
import Foundation
import Recursion
import Testing

@Suite struct ClaudeCodeImportTests {
    @Test func detectsEveryFormatFromContent() throws {
        let cases: [(String, LogFormat)] = [
            ("claude-code/session.jsonl", .claudeCode), ("codex/rollout-2026-01-12T09-00-00-0199a1b2.jsonl", .codexRollout),
            ("codex/exec.jsonl", .codexExec), ("rlm/rlm_2026-01-12_09-00-00_1a2b3c4d.jsonl", .rlm),
            ("swe-agent/6e44b9__sweagenttestrepo-1c2844.traj", .sweAgent), ("mini-swe-agent/magic.traj.json", .miniSWEAgent),
            ("openai/chat.json", .openAIChat),
        ]
        for (path, format) in cases {
            let text = try String(contentsOf: fixture(path), encoding: .utf8)
            #expect(LogFormat.detect(text) == format, "\(path)")
        }
        #expect(LogFormat.detect("hello\nworld\n") == nil)
    }

    @Test func readsTurnsOnceUsageOnceAndParallelCalls() throws {
        let session = try RunImporter.read(files: [fixture("claude-code/session.jsonl")])
        #expect(session.question == "What is the magic number in the corpus?")
        #expect(session.answer == "The magic number is 4417.")
        #expect(session.model == "claude-sonnet-4-5-20250929")
        #expect(session.ending == .answered)
        let turns = session.root.events.compactMap { if case .turn(let turn) = $0 { turn } else { nil } }
        // msg_01A is four lines (thinking, text, two tool_use): one turn, its usage once.
        #expect(turns.count == 5)
        #expect(turns[0].toolCalls.map(\.name) == ["Grep", "Read"])
        #expect(turns[0].text == "I'll search the corpus.")
        #expect(turns[0].thinking == "Search first, then read the file.")
        #expect(turns[0].usage == ImportedUsage(promptTokens: 1010, completionTokens: 40, cachedTokens: 0, calls: 1))
        // Lines not understood: the unknown record type (line 30) and the line that is not JSON.
        #expect(session.unread.count == 2)
        #expect(session.unread.firstLine == 30)
    }

    @Test func subAgentsNotesAndMissingResults() throws {
        let session = try RunImporter.read(files: [fixture("claude-code/session.jsonl")])
        let subAgents = session.root.events.compactMap { if case .subAgent(let agent, let call) = $0 { (agent, call) } else { nil } }
        #expect(subAgents.map(\.1) == ["toolu_task1", "toolu_task2"])
        // The progress-record sub-agent: one Bash call that failed with exit 1, then its answer.
        let first = subAgents[0].0
        let tools = first.events.compactMap { if case .tool(let tool) = $0 { tool } else { nil } }
        #expect(tools.map(\.call.name) == ["Bash"])
        #expect(tools[0].exitStatus == 1 && tools[0].isError)
        // The sidechain sub-agent, matched to its Task call by its prompt.
        let second = subAgents[1].0
        #expect(second.events.contains { if case .tool(let tool) = $0 { tool.output == "12" } else { false } })
        let notes = session.root.events.compactMap { if case .note(let note) = $0 { note.kind } else { nil } }
        #expect(notes.contains("summary"))
        #expect(notes.contains("compaction"))
        #expect(notes.contains("compaction_summary"))
        #expect(notes.contains("image"))
        #expect(notes.contains("interrupt"))
        #expect(notes.contains("missing_result"))
        #expect(notes.contains("user"))
        let missing = session.root.events.compactMap { if case .tool(let tool) = $0, tool.output == nil { tool.call.id } else { nil } }
        #expect(missing == ["toolu_never"])
    }

    @Test func subAgentInItsOwnFileIsFoundBesideTheSession() throws {
        let groups = RunImporter.sessions(of: [fixture("claude-code/two-files.jsonl")])
        #expect(groups.count == 1)
        #expect(groups[0].map(\.lastPathComponent).sorted() == ["agent-f00dcafe.jsonl", "two-files.jsonl"])
        let session = try RunImporter.read(files: groups[0])
        let child = session.root.events.compactMap { if case .subAgent(let agent, _) = $0 { agent } else { nil } }
        #expect(child.count == 1)
        #expect(child.first?.events.contains { if case .tool(let tool) = $0 { tool.output == "7" } else { false } } == true)
    }

    @Test func importsAsARunThatLogShowAndGitRead() async throws {
        let corpus = try CorpusFixture()
        let reports = try await RunImporter.importLogs([fixture("claude-code/session.jsonl")], into: corpus.url,
                                                       options: ImportOptions(runID: "claude-1"))
        #expect(reports.count == 1)
        let report = reports[0]
        #expect(report.agents == 3)
        #expect(report.unread.count == 2)
        // The Read of /home/ana/corpus/docs/0003.txt, and grep/cat naming docs/ files, point at the corpus.
        #expect(report.stepsOnCorpusFiles >= 1)
        let catalog = try RunCatalog(repositoryAt: corpus.url)
        let summary = try catalog.summary("claude-1")
        #expect(summary.strategy == "import")
        #expect(summary.status == "answered")
        #expect(summary.answer == "The magic number is 4417.")
        #expect(summary.model == "claude-sonnet-4-5-20250929")
        let steps = try catalog.steps("claude-1")
        #expect(steps.count == report.steps)
        let read = try #require(steps.first { $0.record["tool_call"]?["name"]?.stringValue == "Read" })
        #expect(read.record["corpus_files"] == ["docs/0003.txt"])
        #expect(read.output?.contains("4417") == true)
        #expect(Set(steps.map(\.agent)) == ["root", "root/task-1", "root/task-2"])
        // The answer rests on what Claude read: the Grep line and the Read line, both docs/0003.txt:12.
        let outcome = try #require(try catalog.outcome("claude-1"))
        #expect(outcome.grounded == true)
        #expect(outcome.evidence?.map(\.path) == ["docs/0003.txt"])
        #expect(outcome.evidence?.first?.line == 12)
        let configuration = try catalog.configuration("claude-1")
        #expect(configuration.corpusCommit == corpus.commit)
        let text = RunFormatter.show(runID: "claude-1", configuration: configuration, outcome: try catalog.outcome("claude-1"),
                                     steps: steps, selection: nil)
        #expect(text.contains("compaction: Conversation compacted"))
        // git reads it: merges for both sub-agents, trailers on every step, a clean fsck.
        let graph = try git(["log", "--graph", "--format=%s", "refs/fsctx/runs/claude-1"], in: corpus.url)
        #expect(graph.stdout.contains("merge root/task-1 into root"))
        #expect(graph.stdout.contains("merge root/task-2 into root"))
        let trailers = try git(["log", "--format=%(trailers:key=Fsctx-Corpus-File,valueonly)", "refs/fsctx/runs/claude-1"], in: corpus.url)
        #expect(trailers.stdout.contains("docs/0003.txt"))
        let fsck = try git(["fsck", "--strict"], in: corpus.url)
        #expect(fsck.status == 0, "\(fsck.stderr)")
    }

    @Test func appendMarksOutsideStepsOnAnExistingRun() async throws {
        let corpus = try CorpusFixture()
        _ = try await RunImporter.importLogs([fixture("openai/chat.json")], into: corpus.url, options: ImportOptions(runID: "launch-1"))
        let before = try RunCatalog(repositoryAt: corpus.url).steps("launch-1").count
        let session = try RunImporter.read(files: [fixture("codex/exec.jsonl")])
        let report = try await RunImporter.append(session, toRun: "launch-1", in: corpus.url,
                                                  options: ImportOptions(outside: true, skipTools: { $0.hasPrefix("fsctx.") }))
        let steps = try RunCatalog(repositoryAt: corpus.url).steps("launch-1")
        #expect(steps.count == before + report.steps)
        let added = steps.filter { $0.number > before && $0.kind == "program" }
        #expect(!added.isEmpty)
        #expect(added.allSatisfy { $0.record["outside"] == true })
        #expect(!added.contains { $0.record["tool_call"]?["name"]?.stringValue == "fsctx.grep" })
        let log = try git(["log", "-1", "--format=%(trailers:key=Fsctx-Outside,valueonly)", "--grep=grep -rn magic",
                           "refs/fsctx/runs/launch-1"], in: corpus.url)
        #expect(log.stdout.contains("true"))
    }
}
