import Foundation
import Testing
@testable import Shell

/// Escape attempts through every command: nothing outside the corpus is read, listed or written.
@Suite struct SandboxTests {
    let corpus: CorpusFixture
    init() throws {
        corpus = try CorpusFixture()
        let manager = FileManager.default
        // A symlink planted in the mirrored input, to a file and to a folder outside.
        try manager.createSymbolicLink(atPath: corpus.root.appendingPathComponent("docs/link.txt").path,
                                       withDestinationPath: corpus.outside.appendingPathComponent("passwd").path)
        try manager.createSymbolicLink(atPath: corpus.root.appendingPathComponent("docs/linkdir").path,
                                       withDestinationPath: corpus.outside.path)
        try manager.createSymbolicLink(atPath: corpus.root.appendingPathComponent("up").path, withDestinationPath: "..")
    }

    static let readers = ["cat", "head", "tail", "wc", "sort", "uniq", "nl", "cut -f1", "sed -n 1p", "read", "grep root",
                          "grep -r root", "rg root", "ls", "tree", "find", "llm x", "grep -f"]
    static let escapes = ["../outside/passwd", "/etc/passwd", "docs/../../outside/passwd", "docs/link.txt",
                          "docs/linkdir/passwd", "up/outside/passwd", "~/passwd", "./../outside", "scratch/../../outside/passwd"]

    @Test(arguments: readers)
    func noCommandReadsOutside(command: String) async throws {
        for path in Self.escapes {
            let result = try await corpus.run("\(command) \(path)")
            #expect(result.exitStatus != 0, "\(command) \(path) succeeded")
            #expect(!result.output.contains("SECRET") && !result.output.contains("root:x"), "\(command) \(path): \(result.output)")
            let said = result.output.contains("corpus") || result.output.contains("symbolic link") || result.output.contains("sub-calls need")
            #expect(said, "\(command) \(path) did not say why: \(result.output)")
        }
    }

    @Test func globsAndWalksStayInside() async throws {
        for program in ["cat ../*/*", "cat /e*/passwd", "echo ../*", "cat docs/linkdir/*", "grep -r root .", "grep -r root docs",
                        "rg SECRET", "find . -name passwd", "cat up/*/passwd", "cat .*/outside/passwd", "for f in ../outside/*; do cat $f; done"] {
            let result = try await corpus.run(program)
            #expect(!result.output.contains("SECRET") && !result.output.contains("root:x"), "\(program): \(result.output)")
        }
        let echoed = try await corpus.run("echo ../*")
        #expect(echoed.output == "../*\n")
    }

    @Test func writesOnlyIntoScratch() async throws {
        for target in ["../outside/x", "/tmp/fsctx-escape", "docs/x", "scratch/../docs/x", "scratch/../../outside/x", "INDEX.md",
                       "docs/linkdir/x", "scratch", "up/outside/x"] {
            let result = try await corpus.run("echo pwned > \(target)")
            #expect(result.exitStatus != 0, "write to \(target) succeeded")
            #expect(result.output.contains("corpus") || result.output.contains("symbolic link"), "\(target): \(result.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: corpus.outside.appendingPathComponent("x").path))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/fsctx-escape"))
        #expect(try String(contentsOf: corpus.root.appendingPathComponent("INDEX.md"), encoding: .utf8).hasPrefix("# Test corpus"))
    }

    @Test func bookkeepingIsHiddenUnlessNamed() async throws {
        var result = try await corpus.run("grep -rl path .")
        #expect(result.output == "")
        result = try await corpus.run("grep -l path .fsctx/manifest.jsonl")
        #expect(result.output == ".fsctx/manifest.jsonl\n")
        result = try await corpus.run("find . -name HEAD")
        #expect(result.output == "")
        result = try await corpus.run("ls")
        #expect(result.output == "INDEX.md\ndocs/\nup@\n")
    }
}
