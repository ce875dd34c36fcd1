import Foundation
import Testing
@testable import FSContext

/// Writes `text` to `name` inside `dir` and returns the path.
@discardableResult
func writeInput(_ dir: TemporaryDirectory, _ name: String, _ bytes: [UInt8]) throws -> String {
    let url = dir.url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    return url.path
}

func book(chapters: Int = 4, paragraphs: Int = 12) -> String {
    var text = ""
    for chapter in 1...chapters {
        text += "CHAPTER \(chapter)\n\n"
        for paragraph in 1...paragraphs {
            text += "Paragraph \(paragraph) of chapter \(chapter): the lighthouse keeper watched the sea all night long, "
            text += "counting ships and waves until the morning came over the harbour.\n\n"
        }
    }
    return text
}

@Suite("Materializer")
struct MaterializerTests {
    @Test("a text file becomes line-preserving chunks; same input gives the same tree; fsck --strict and git add agree")
    func textChunks() throws {
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "book.txt", Array(book().utf8))
        var options = MaterializeOptions(inputs: [input])
        options.chunkBytes = 1024
        let first = try Materializer(options).run(into: dir.url.appendingPathComponent("a"))
        let second = try Materializer(options).run(into: dir.url.appendingPathComponent("b"))
        #expect(first.tree == second.tree)
        #expect(first.files > 5)

        let corpus = dir.url.appendingPathComponent("a")
        let fsck = try git(["fsck", "--strict", "--full"], in: corpus)
        #expect(fsck.status == 0, "git fsck: \(fsck.stderr)")
        #expect(try git(["status", "--porcelain"], in: corpus).stdout.isEmpty)
        #expect(try git(["symbolic-ref", "HEAD"], in: corpus).stdout == "refs/heads/corpus\n")
        #expect(try git(["count-objects", "-v"], in: corpus).stdout.contains("count: 1\n"))  // only the commit is loose
        #expect(try git(["config", "gc.auto"], in: corpus).stdout == "0\n")
        // git's own hashing of the checked-out files gives the very same tree.
        let plain = dir.url.appendingPathComponent("plain")
        try run("/bin/cp", ["-r", corpus.path, plain.path])
        try run("/bin/chmod", ["-R", "u+w", plain.path])
        try FileManager.default.removeItem(at: plain.appendingPathComponent(".git"))
        try git(["init", "-q"], in: plain)
        try git(["add", "-A"], in: plain)
        #expect(try git(["write-tree"], in: plain).stdout == first.tree.hex + "\n")

        // Chunks are whole lines, concatenate back to the input, and stay under the target.
        let repository = try CorpusRepository.open(at: corpus)
        let parts = try repository.listFiles().filter { $0.hasPrefix("parts/") }
        #expect(parts.count == first.files)
        var joined: [UInt8] = []
        for part in parts {
            let bytes = try repository.read(path: part)
            #expect(bytes.count <= 1024)
            #expect(bytes.last == 0x0A)
            joined += bytes
        }
        #expect(joined == Array(book().utf8))
        // Cuts prefer headings: every chapter heading starts a chunk.
        let starts = try parts.map { try repository.readText(path: $0) }.filter { $0.hasPrefix("CHAPTER ") }
        #expect(starts.count == 4)
        // The work tree is read-only and complete.
        let file = corpus.appendingPathComponent(parts[0]).path
        #expect(!FileManager.default.isWritableFile(atPath: file) || getuid() == 0)
        #expect(FileManager.default.contents(atPath: file).map { [UInt8]($0) } == (try repository.read(path: parts[0])))
    }

    @Test("JSONL documents get titled files, a manifest, and provenance back to file:line")
    func documents() throws {
        let dir = TemporaryDirectory()
        let lines = [
            #"{"id":"a1","title":"The Lighthouse","text":"Line one\nline two\n"}"#,
            #"{"id":7,"title":"Second | doc","text":"caf\u00e9 \ud83d\ude00"}"#,
            "",
            #"{"id":"x","text":"no title here","extra":[1,{"k":null}]}"#,
        ]
        let input = try writeInput(dir, "docs.jsonl", Array(lines.joined(separator: "\n").utf8))
        let target = dir.url.appendingPathComponent("corpus")
        let result = try Materializer(MaterializeOptions(inputs: [input])).run(into: target)
        #expect(result.files == 3)
        let repository = try CorpusRepository.open(at: target)
        #expect(try repository.listFiles() == ["INDEX.md", "docs/0001-the-lighthouse.txt", "docs/0002-second-doc.txt", "docs/0003-x.txt"])
        #expect(try repository.readText(path: "docs/0002-second-doc.txt") == "café 😀\n")
        let index = try repository.readText(path: "INDEX.md")
        #expect(index.contains("| docs/0002-second-doc.txt | 11 | 1 | Second \\| doc |"))
        #expect(index.contains("Files: 3"))
        let location = try repository.provenance(path: "docs/0003-x.txt", line: 1)
        #expect(location == SourceLocation(source: input, line: 4, byteOffset: lines[0...2].reduce(0) { $0 + $1.utf8.count + 1 },
                                           documentID: "x", lineInDocument: 1))
        #expect(try repository.provenance(path: "INDEX.md", line: 1) == nil)
        #expect(try repository.manifest().map(\.kind) == ["document", "document", "document"])
        #expect(try repository.listFiles(includeMetadata: true).contains(".fsctx/corpus.json"))
    }

    @Test("--meta-fields writes the named JSONL fields as a header above each document's text")
    func metaFields() throws {
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "records.jsonl", Array("""
            {"id":"a1","user":"hugo_1","date":"2024-02-11","stars":4,"text":"I love the kettle."}
            {"id":"a2","user":"ines_1","text":"Why is it loud?"}

            """.utf8))
        var options = MaterializeOptions(inputs: [input])
        options.metaFields = ["user", "date", "stars"]
        _ = try Materializer(options).run(into: dir.url.appendingPathComponent("c"))
        let corpus = try CorpusRepository.open(at: dir.url.appendingPathComponent("c"))
        let files = try corpus.listFiles().filter { $0.hasPrefix("docs/") }
        #expect(files.count == 2)
        #expect(try corpus.readText(path: files[0]) == "user: hugo_1\ndate: 2024-02-11\nstars: 4\n\nI love the kettle.\n")
        #expect(try corpus.readText(path: files[1]) == "user: ines_1\n\nWhy is it loud?\n")
        #expect(try corpus.provenance(path: files[1], line: 3)?.line == 2)
    }

    @Test("provenance maps a chunk's line to the source line and byte offset")
    func chunkProvenance() throws {
        let dir = TemporaryDirectory()
        let text = book()
        let input = try writeInput(dir, "book.txt", Array(text.utf8))
        var options = MaterializeOptions(inputs: [input])
        options.chunkBytes = 512
        let target = dir.url.appendingPathComponent("c")
        _ = try Materializer(options).run(into: target)
        let repository = try CorpusRepository.open(at: target)
        let sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for path in try repository.listFiles().filter({ $0.hasPrefix("parts/") }).prefix(6) {
            let fileLines = try repository.readText(path: path).split(separator: "\n", omittingEmptySubsequences: false)
            let location = try #require(try repository.provenance(path: path, line: 2))
            #expect(sourceLines[location.line - 1] == fileLines[1])
            let prefix = Array(text.utf8)[location.byteOffset...].prefix(fileLines[1].utf8.count)
            #expect(String(decoding: prefix, as: UTF8.self) == String(fileLines[1]))
        }
    }

    @Test("a directory is mirrored; .git, binary files and symlinks are skipped and counted")
    func mirror() throws {
        let dir = TemporaryDirectory()
        try writeInput(dir, "src/a/x.txt", Array("hello lighthouse\n".utf8))
        try writeInput(dir, "src/sub/.git/HEAD", Array("ref: x\n".utf8))
        try writeInput(dir, "src/sub/y.md", Array("# deep\n".utf8))
        try writeInput(dir, "src/b.bin", [0x62, 0, 0x01, 0x02])
        try writeInput(dir, "src/INDEX.md", Array("their index\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir.url.appendingPathComponent("src/link").path, withDestinationPath: "a/x.txt")
        let target = dir.url.appendingPathComponent("m")
        let result = try Materializer(MaterializeOptions(inputs: [dir.url.appendingPathComponent("src").path])).run(into: target)
        #expect(result.files == 3)
        #expect(result.skippedBinary == 1 && result.skippedGit == 1 && result.skippedOther == 1)
        let repository = try CorpusRepository.open(at: target)
        #expect(try repository.listFiles() == ["INDEX.md", "a/x.txt", "sub/y.md"])
        #expect(try repository.readText(path: "INDEX.md") == "their index\n")
        #expect(try repository.readText(path: ".fsctx/INDEX.md").contains("1 binary files"))
        #expect(try git(["status", "--porcelain"], in: target).stdout.isEmpty)
    }

    @Test("re-materializing adds a commit on corpus, replaces the work tree, and leaves refs/fsctx/* alone")
    func rematerialize() throws {
        let dir = TemporaryDirectory()
        let one = try writeInput(dir, "one.txt", Array("first corpus\n".utf8))
        let two = try writeInput(dir, "two.txt", Array("second corpus\n".utf8))
        let target = dir.url.appendingPathComponent("c")
        let first = try Materializer(MaterializeOptions(inputs: [one])).run(into: target)
        let repository = try GitRepository.open(at: target)
        try repository.updateReference("refs/fsctx/runs/r1", to: first.commit, logMessage: "a run")
        let second = try Materializer(MaterializeOptions(inputs: [two])).run(into: target)
        #expect(try repository.commitInfo(second.commit).parents == [first.commit])
        #expect(try repository.resolveReference("refs/fsctx/runs/r1") == first.commit)
        #expect(try String(contentsOf: target.appendingPathComponent("parts/0001.txt"), encoding: .utf8) == "second corpus\n")
        #expect(try git(["status", "--porcelain"], in: target).stdout.isEmpty)
        #expect(try git(["fsck", "--strict"], in: target).status == 0)
    }

    @Test("more than 1,000 documents go into folders of 1,000 with per-folder index pages under .fsctx/index/")
    func manyDocuments() throws {
        let dir = TemporaryDirectory()
        let text = (1...1205).map { #"{"id":"d\#($0)","text":"document \#($0)"}"# }.joined(separator: "\n") + "\n"
        let input = try writeInput(dir, "many.jsonl", Array(text.utf8))
        let target = dir.url.appendingPathComponent("c")
        var options = MaterializeOptions(inputs: [input])
        options.checkout = false
        let result = try Materializer(options).run(into: target)
        #expect(result.files == 1205)
        let repository = try CorpusRepository.open(at: target)
        let files = try repository.listFiles()
        #expect(files.contains("docs/000/0001-d1.txt") && files.contains("docs/001/1205-d1205.txt"))
        #expect(!files.contains("docs/000/INDEX.md") && !files.contains("docs/001/INDEX.md"))
        #expect(try repository.git.listTree(result.commit, path: "docs/000")?.count == 1000)
        #expect(try repository.readText(path: ".fsctx/index/docs/001/INDEX.md").contains("205 files"))
        #expect(try repository.readText(path: "INDEX.md").contains("| docs/001/ | 205 |"))
        #expect(try repository.readText(path: "INDEX.md").contains(".fsctx/index/docs/001/INDEX.md"))
        #expect(try git(["fsck", "--strict"], in: target).status == 0)
    }

    @Test("a long single line is split into pieces at safe UTF-8 boundaries")
    func longLine() throws {
        let dir = TemporaryDirectory()
        let line = String(repeating: "é€😀x", count: 30_000)  // 120,000 characters, no spaces
        let input = try writeInput(dir, "long.txt", Array(line.utf8))
        var options = MaterializeOptions(inputs: [input])
        options.chunkBytes = 1000
        options.checkout = false
        let target = dir.url.appendingPathComponent("c")
        let result = try Materializer(options).run(into: target)
        #expect(result.replacedInvalidUTF8 == 0)
        let repository = try CorpusRepository.open(at: target)
        var joined: [UInt8] = []
        for path in try repository.listFiles() where path.hasPrefix("parts/") {
            let bytes = try repository.read(path: path)
            #expect(bytes.count <= 1000)
            #expect(String(validating: bytes, as: UTF8.self) != nil)
            joined += bytes
        }
        #expect(joined == Array(line.utf8))
    }

    @Test("several inputs each get their own folder under their layout")
    func severalInputs() throws {
        let dir = TemporaryDirectory()
        let text = try writeInput(dir, "book.txt", Array("# Title\n\nlighthouse text\n".utf8))
        let docs = try writeInput(dir, "d.jsonl", Array(#"{"title":"One","text":"first"}"#.utf8))
        try writeInput(dir, "tree/a.md", Array("mirrored\n".utf8))
        let target = dir.url.appendingPathComponent("c")
        var options = MaterializeOptions(inputs: [text, docs, dir.url.appendingPathComponent("tree").path])
        options.checkout = false
        _ = try Materializer(options).run(into: target)
        let repository = try CorpusRepository.open(at: target)
        #expect(try repository.listFiles() == ["INDEX.md", "docs/d/0001-one.txt", "parts/book/0001.txt", "tree/a.md"])
        #expect(try repository.readText(path: "docs/d/0001-one.txt") == "first\n")
    }
}
