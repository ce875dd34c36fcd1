import Foundation
import Testing

/// `fsctx import` and the step filters of `fsctx log` / `fsctx show`, end to end.
@Suite struct ImportCLITests {
    static let fixtures = CLI.root.appendingPathComponent("Tests/AuditTests/Fixtures")

    @Test func importThenFilterStepsByTrailers() throws {
        let folder = TemporaryDirectory("fsctx-cli-import")
        let repo = folder.url.appendingPathComponent("audit").path
        let claude = Self.fixtures.appendingPathComponent("claude-code/session.jsonl").path
        let codex = Self.fixtures.appendingPathComponent("codex/rollout-2026-01-12T09-00-00-0199a1b2.jsonl").path
        let imported = try CLI.fsctx(["import", claude, codex, "--into", repo])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("claude-code, "))
        #expect(imported.stdout.contains("2 lines not understood (first: line 30)"))
        #expect(imported.stdout.contains("codex-rollout, "))
        let runs = try CLI.fsctx(["log", repo])
        #expect(runs.stdout.contains("import") && runs.stdout.contains("The magic number is 4417."))
        let failed = try CLI.fsctx(["log", repo, "--tool", "grep", "--exit", "1", "--json"])
        #expect(failed.status == 0, "\(failed.stderr)")
        let matches = try #require(try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [[String: Any]])
        #expect(matches.count == 1)
        #expect(matches.first?["agent"] as? String == "root/task-1")
        let runID = try #require(imported.stdout.split(separator: ":").first.map(String.init))
        let shown = try CLI.fsctx(["show", repo, runID, "--steps", "--kind", "note"])
        #expect(shown.stdout.contains("compaction: Conversation compacted"))
        #expect(!shown.stdout.contains("model turn"))
        let badSince = try CLI.fsctx(["log", repo, "--since", "yesterday-ish"])
        #expect(badSince.status != 0)
        #expect(badSince.stderr.contains("cannot read --since 'yesterday-ish'"))
    }

    @Test func unknownLogIsOneClearLine() throws {
        let folder = TemporaryDirectory("fsctx-cli-import-bad")
        let notes = folder.url.appendingPathComponent("notes.txt")
        try "just notes\n".write(to: notes, atomically: true, encoding: .utf8)
        let result = try CLI.fsctx(["import", notes.path, "--into", folder.url.appendingPathComponent("r").path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("cannot tell the format of"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("r").path))
    }
}
