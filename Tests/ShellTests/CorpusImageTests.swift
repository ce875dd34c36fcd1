import Foundation
import Testing
@testable import Shell

/// Recursive grep over the packed corpus image prints exactly what the file-by-file walk prints.
@Suite struct CorpusImageTests {
    /// With a NUL byte in one file the image keeps the binary-file check; without any it skips it.
    @Test(arguments: [false, true])
    func imageSearchEqualsWalkSearch(withBinary: Bool) async throws {
        var files: [String: String] = [:]
        for index in 0..<40 {
            let folder = index % 3 == 0 ? "docs/a" : (index % 3 == 1 ? "docs/b/deep" : "notes")
            var text = (0..<(index % 7 + 1)).map { "line \($0) of file \(index)\(index % 5 == 0 ? " magic" : "") The end" }.joined(separator: "\n")
            if index % 4 != 0 { text += "\n" }
            if index == 13 { text = "The start without newline magic" }
            files["\(folder)/f\(String(format: "%02d", index)).txt"] = text
        }
        files["empty.txt"] = ""
        if withBinary { files["docs/a/blob.bin"] = "magic\u{0}bytes\nline magic\n" }
        let corpus = try CorpusFixture(files)
        let programs = ["grep -rn magic", "grep -rn magic .", "grep -r -c magic docs", "grep -rl magic docs notes", "grep -rn '^The' .",
                        "grep -rn -i 'THE END$' docs", "grep -r -C 1 -n magic", "grep -rv -n line notes", "grep -rL magic",
                        "grep -rq magic", "grep -r --include='f1*' -n magic", "grep -r --exclude-dir=deep -n magic docs",
                        "grep -rn -E 'file (1|2)[0-9]' docs/", "grep -rho 'f[a-z]* [0-9]*' .", "grep -rn zzz", "rg -n magic",
                        "grep -rn -w 'of' docs/b", "grep -rm1 -n line .", "grep -r magic docs/a", "grep -rc magic docs/a"]
        let walked = try corpus.session(limits: ShellLimits(imageMinimumFiles: Int.max))
        let imaged = try corpus.session(limits: ShellLimits(imageMinimumFiles: 1))
        for program in programs {
            let expected = await walked.run(program)
            let actual = await imaged.run(program)
            #expect(actual.output == expected.output, "\(program)")
            #expect(actual.exitStatus == expected.exitStatus, "\(program)")
        }
        let images = try FileManager.default.contentsOfDirectory(atPath: corpus.repository.gitDirectory.appendingPathComponent("fsctx/images").path)
        #expect(images.count == 1 && images[0].hasSuffix(".img"))
    }

    /// Entries are read from the image's record offset table one at a time; an image without
    /// the table (an older writer) is decoded whole and reads the same.
    @Test func entriesAreReadLazilyAndOlderImagesStillLoad() throws {
        var files: [String: String] = [:]
        for index in 0..<30 { files["d\(index % 4)/file-\(String(repeating: "x", count: index))\(index).txt"] = "body \(index)\n" }
        let corpus = try CorpusFixture(files)
        let summary = try #require(try corpus.session().buildSearchIndex())
        let file = URL(fileURLWithPath: summary.imagePath)
        let image = try #require(CorpusImage.load(file))
        let lazy = (0..<image.entries.count).map { image.entries[$0] }
        #expect(lazy.count == files.count)
        #expect(Set((0..<lazy.count).map { image.path($0) }) == Set(files.keys))
        for (index, entry) in lazy.enumerated() {
            let text = String(decoding: UnsafeBufferPointer(start: image.base + entry.offset, count: entry.length), as: UTF8.self)
            #expect(text == files[image.path(index)])
        }
        // Without the table's closing magic the reader decodes every record up front.
        var bytes = try [UInt8](Data(contentsOf: file))
        let magic = CorpusImage.entryTableMagic
        let at = try #require((0...(bytes.count - magic.count)).first { Array(bytes[$0..<($0 + magic.count)]) == magic })
        bytes.replaceSubrange(at..<(at + magic.count), with: [UInt8](repeating: 0, count: magic.count))
        let older = corpus.root.deletingLastPathComponent().appendingPathComponent("older-\(getpid()).img")
        try Data(bytes).write(to: older)
        defer { try? FileManager.default.removeItem(at: older) }
        let decoded = try #require(CorpusImage.load(older))
        #expect((0..<decoded.entries.count).map { decoded.entries[$0] } == lazy)
        // A table that points past the records is refused.
        bytes = try [UInt8](Data(contentsOf: file))
        let table = at - 8 * files.count
        bytes.replaceSubrange(table..<(table + 8), with: CorpusImage.bytes(1 << 40))
        try Data(bytes).write(to: older)
        #expect(CorpusImage.load(older) == nil)
    }
}
