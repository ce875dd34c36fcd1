import Foundation
import Testing

/// `kill -9` during `fsctx materialize` (issue 15): whatever the moment, the target holds either
/// no corpus commit or a whole one, and running the same command again succeeds in it, reusing
/// the repository and removing what the killed run left (staging folders, temporary packs).
@Suite(.serialized) struct MaterializeKillTests {
    /// Moments to kill at, each seen from outside as the run goes.
    enum Moment: String, CaseIterable {
        case started = "the repository exists"
        case staging = "files are being staged"
        case packing = "a temporary pack is being written"
        case checkout = "the corpus ref moved (checkout under way)"
    }

    static let documents = 8_000

    /// A JSONL input of `documents` short documents.
    static func input(in directory: URL) throws -> URL {
        var text = ""
        text.reserveCapacity(documents * 160)
        for index in 0..<documents {
            text += #"{"id":"doc-\#(index)","title":"Report \#(index) on the harbour","text":"Line one of report \#(index).\nThe tide rose \#(index % 97) cm; the keeper noted it.\n"}"#
            text += "\n"
        }
        let url = directory.appendingPathComponent("big.jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    func corpusTree(_ target: URL) throws -> String? {
        let result = try run("/usr/bin/git", ["-C", target.path, "rev-parse", "--verify", "-q", "refs/heads/corpus^{tree}"])
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    func reached(_ moment: Moment, _ target: URL) -> Bool {
        let manager = FileManager.default
        let git = target.appendingPathComponent(".git")
        switch moment {
        case .started:
            return manager.fileExists(atPath: git.appendingPathComponent("HEAD").path)
        case .staging:
            let names = (try? manager.contentsOfDirectory(atPath: git.path)) ?? []
            guard let staging = names.first(where: { $0.hasPrefix("fsctx-staging-") }) else { return false }
            return ((try? manager.contentsOfDirectory(atPath: git.appendingPathComponent(staging).path))?.count ?? 0) > 500
        case .packing:
            let names = (try? manager.contentsOfDirectory(atPath: git.appendingPathComponent("objects/pack").path)) ?? []
            return names.contains { $0.hasPrefix("tmp_fsctx_") && $0.hasSuffix(".pack") }
        case .checkout:
            return manager.fileExists(atPath: git.appendingPathComponent("refs/heads/corpus").path)
        }
    }

    @Test func aKilledMaterializeLeavesNoCommitOrAWholeOneAndItsRerunSucceeds() throws {
        let directory = TemporaryDirectory("fsctx-kill")
        let input = try Self.input(in: directory.url)
        let reference = directory.url.appendingPathComponent("reference")
        let whole = try CLI.fsctx(["materialize", input.path, "--into", reference.path])
        #expect(whole.status == 0, "\(whole.stderr)")
        let expectedTree = try #require(try corpusTree(reference))

        var hit: [Moment] = []
        for moment in Moment.allCases {
            let target = directory.url.appendingPathComponent("k-\(moment)")
            let process = try CLI.start(["materialize", input.path, "--into", target.path])
            while process.isRunning && !reached(moment, target) { usleep(500) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                hit.append(moment)
            }
            process.waitUntilExit()
            // No corpus commit, or a whole one: the same tree as the uninterrupted run's.
            if let tree = try corpusTree(target) {
                #expect(tree == expectedTree, "killed when \(moment.rawValue)")
                #expect(try run("/usr/bin/git", ["-C", target.path, "fsck", "--strict", "--no-dangling"]).status == 0)
            }
            // The same command again reuses the target and cleans up after the killed run.
            let rerun = try CLI.fsctx(["materialize", input.path, "--into", target.path])
            #expect(rerun.status == 0, "rerun after a kill when \(moment.rawValue): \(rerun.stderr)")
            #expect(try corpusTree(target) == expectedTree, "killed when \(moment.rawValue)")
            let git = target.appendingPathComponent(".git")
            let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: git.path)) ?? []).filter { $0.hasPrefix("fsctx-staging-") }
                + ((try? FileManager.default.contentsOfDirectory(atPath: git.appendingPathComponent("objects/pack").path)) ?? [])
                    .filter { $0.hasPrefix("tmp_fsctx_") }
            #expect(leftovers.isEmpty, "killed when \(moment.rawValue): \(leftovers)")
            #expect(try run("/usr/bin/git", ["-C", target.path, "status", "--porcelain"]).stdout.isEmpty)
            #expect(try run("/usr/bin/git", ["-C", target.path, "fsck", "--strict", "--no-dangling"]).status == 0)
        }
        // The moments come one after another in one run; on a slow machine all are reached.
        #expect(hit.count >= 3, "killed at \(hit.map(\.rawValue))")
    }

    @Test func aDirectoryMaterializeDidNotCreateIsStillRefused() throws {
        let directory = TemporaryDirectory("fsctx-kill")
        let input = directory.url.appendingPathComponent("a.txt")
        try Data("some text\n".utf8).write(to: input)
        let foreign = directory.url.appendingPathComponent("foreign")
        try run("/usr/bin/git", ["init", "-q", foreign.path])
        let result = try CLI.fsctx(["materialize", input.path, "--into", foreign.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not empty and is not a corpus repository"), "\(result.stderr)")
    }
}
