import Foundation
import Testing
@testable import FSContext

/// A mirror is the source, byte for byte: Latin-1 text, CRs, executable bits and the source's
/// own `INDEX.md` pages stay as they are, and the tree id is git's.
@Suite("Mirror bytes")
struct MirrorBytesTests {
    /// A source tree with what real trees hold: Latin-1 (invalid UTF-8), CRLF, an executable
    /// script, its own INDEX.md files, a binary, a symlink, a nested `.git`.
    func source(_ dir: TemporaryDirectory, rootIndex: Bool) throws -> URL {
        try writeInput(dir, "src/drivers/latin1.c", Array("/* Copyright ".utf8) + [0xA9] + Array(" J".utf8) + [0xF6] + Array("rg */\r\nint x;\n".utf8))
        try writeInput(dir, "src/scripts/build.sh", Array("#!/bin/sh\necho built\n".utf8))
        chmod(dir.url.appendingPathComponent("src/scripts/build.sh").path, 0o755)
        try writeInput(dir, "src/Documentation/ABI/INDEX.md", Array("# their ABI index\n".utf8))
        if rootIndex { try writeInput(dir, "src/INDEX.md", Array("# their own root index\n".utf8)) }
        try writeInput(dir, "src/README", Array("plain text\n".utf8))
        try writeInput(dir, "src/logo.bin", [0x89, 0x50, 0, 0, 7])
        try writeInput(dir, "src/vendor/.git/HEAD", Array("ref: refs/heads/main\n".utf8))
        try writeInput(dir, "src/vendor/lib.txt", Array("vendored\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir.url.appendingPathComponent("src/link").path, withDestinationPath: "README")
        return dir.url.appendingPathComponent("src")
    }

    /// `git add --all --force && git write-tree` on a copy of the source without what a mirror
    /// skips (binary files, symlinks, `.git`).
    func gitTree(of source: URL, in dir: TemporaryDirectory) throws -> String {
        let copy = dir.url.appendingPathComponent("copy")
        try run("/bin/cp", ["-a", source.path, copy.path])
        for skipped in ["logo.bin", "link", "vendor/.git"] { try FileManager.default.removeItem(at: copy.appendingPathComponent(skipped)) }
        try git(["init", "-q"], in: copy)
        try git(["add", "--all", "--force"], in: copy)
        return try git(["write-tree"], in: copy).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The corpus tree without the corpus's own page and `.fsctx/` (git's read-tree + rm --cached).
    func treeWithoutCorpusPages(_ corpus: URL, commit: GitOID, rootPage: Bool) throws -> String {
        let index = corpus.deletingLastPathComponent().appendingPathComponent("scratch-index").path
        let environment = ["GIT_INDEX_FILE=\(index)"]
        try run("/usr/bin/env", environment + ["git", "-C", corpus.path, "read-tree", commit.hex])
        try run("/usr/bin/env", environment + ["git", "-C", corpus.path, "rm", "-r", "-q", "--cached", ".fsctx"] + (rootPage ? ["INDEX.md"] : []))
        return try run("/usr/bin/env", environment + ["git", "-C", corpus.path, "write-tree"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the mirror's tree is git add's tree for the same files; Latin-1 and CRs are kept; the corpus page is INDEX.md")
    func mirrorKeepsEveryByte() throws {
        let dir = TemporaryDirectory()
        let source = try source(dir, rootIndex: false)
        let target = dir.url.appendingPathComponent("m")
        let result = try Materializer(MaterializeOptions(inputs: [source.path])).run(into: target)
        #expect(result.replacedInvalidUTF8 == 0 && result.filesWithInvalidUTF8 == 1)
        #expect(result.indexPage == "INDEX.md")
        #expect(try treeWithoutCorpusPages(target, commit: result.commit, rootPage: true) == gitTree(of: source, in: dir))
        let repository = try CorpusRepository.open(at: target)
        #expect(try repository.read(path: "drivers/latin1.c") == [UInt8](try Data(contentsOf: source.appendingPathComponent("drivers/latin1.c"))))
        #expect(try repository.readText(path: "Documentation/ABI/INDEX.md") == "# their ABI index\n")
        #expect(try repository.readText(path: "INDEX.md").contains("1 files hold some, kept byte for byte"))
        #expect(CorpusIndexPage.path(in: target) == "INDEX.md")
        // The work tree is the same bytes and modes, so git sees nothing to commit.
        #expect(try git(["status", "--porcelain"], in: target).stdout.isEmpty)
        #expect(try git(["ls-files", "-s", "scripts/build.sh"], in: target).stdout.hasPrefix("100755 "))
        #expect(try git(["fsck", "--strict"], in: target).status == 0)
    }

    @Test("a source's own root INDEX.md keeps its name; the corpus page is .fsctx/INDEX.md and readers find it")
    func sourceRootIndexIsKept() throws {
        let dir = TemporaryDirectory()
        let source = try source(dir, rootIndex: true)
        let target = dir.url.appendingPathComponent("m")
        let result = try Materializer(MaterializeOptions(inputs: [source.path])).run(into: target)
        #expect(result.indexPage == ".fsctx/INDEX.md")
        #expect(try treeWithoutCorpusPages(target, commit: result.commit, rootPage: false) == gitTree(of: source, in: dir))
        let repository = try CorpusRepository.open(at: target)
        #expect(try repository.readText(path: "INDEX.md") == "# their own root index\n")
        #expect(try repository.readText(path: ".fsctx/INDEX.md").hasPrefix("# Corpus index"))
        #expect(CorpusIndexPage.path(in: target) == ".fsctx/INDEX.md")
        #expect(CorpusIndexPage.text(in: target)?.hasPrefix("# Corpus index") == true)
        #expect(try repository.readText(path: ".fsctx/corpus.json").contains("\"index\":\".fsctx\\/INDEX.md\"")
            || repository.readText(path: ".fsctx/corpus.json").contains("\"index\":\".fsctx/INDEX.md\""))
    }

    @Test("text for a model shows invalid UTF-8 as U+FFFD and says so once")
    func modelTextNotice() {
        let bytes: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" J".utf8) + [0xF6, 0xFF] + Array("rg\n".utf8)
        let decoded = ModelText.decode(bytes)
        #expect(decoded.replaced == 3 && decoded.text == "caf\u{FFFD} J\u{FFFD}\u{FFFD}rg\n")
        #expect(ModelText.forModel(bytes) == decoded.text + "[fsctx: 3 invalid UTF-8 sequences shown as U+FFFD]\n")
        #expect(ModelText.forModel(Array("clean\n".utf8)) == "clean\n")
    }
}
