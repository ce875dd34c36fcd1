import FSContext
import Foundation
import Testing
@testable import Shell

/// Folders of thousands of entries with names of every length: `readdir` packs its records
/// tightly, so a walk that copies `struct dirent` (a 256-byte name) reads past the end of its
/// buffer. Under AddressSanitizer (`scripts/sanitize`) that is a heap-buffer-overflow every
/// time; without it, a SIGSEGV when the buffer ends at a page boundary (issue 15).
@Suite struct LargeFolderWalkTests {
    /// Three folders × 1,500 files, names 1 to 255 bytes long; one file in each says zanzibar.
    @Test func recursiveGrepAndFindSeeEveryFileOfLargeFolders() async throws {
        let fixture = try CorpusFixture(["INDEX.md": "# big folders\n"])
        let manager = FileManager.default
        var expectedMatches: [String] = []
        var expectedFiles = 0
        var namesOf001: [String] = []
        for folder in ["docs/000", "docs/001", "notes"] {
            let url = fixture.root.appendingPathComponent(folder, isDirectory: true)
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
            for index in 0..<1_500 {
                let stem = String(format: "%04d-", index)
                let length = 1 + (index * 37) % 255
                let name = String((stem + String(repeating: "abcdefghij", count: 26)).prefix(max(length, stem.count)))
                let text = index == 1_234 ? "the word zanzibar is here\n" : "plain text \(index)\n"
                guard manager.createFile(atPath: url.appendingPathComponent(name).path, contents: Data(text.utf8)) else {
                    Issue.record("cannot create \(folder)/\(name)")
                    return
                }
                if index == 1_234 { expectedMatches.append("\(folder)/\(name)") }
                expectedFiles += 1
                if folder == "docs/001" { namesOf001.append(name) }
            }
        }
        for threshold in [Int.max, 1] {  // the file-by-file walk, then the packed corpus image
            let session = try fixture.session(limits: ShellLimits(maxOutputBytes: 1 << 20, imageMinimumFiles: threshold))
            let grep = await session.run("grep -rl zanzibar docs/000")
            #expect(grep.exitStatus == 0)
            #expect(grep.output == expectedMatches[0] + "\n")
            let all = await session.run("grep -rl zanzibar .")
            #expect(all.output.split(separator: "\n").map { String($0) }.sorted() == expectedMatches.sorted().map { "./" + $0 })
            let count = await session.run("find . -type f | wc -l")
            #expect(count.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(expectedFiles + 1)")
            let listing = await session.run("find docs/001 -type f")
            #expect(listing.output.split(separator: "\n").map { String($0.dropFirst("docs/001/".count)) } == namesOf001.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }
}
