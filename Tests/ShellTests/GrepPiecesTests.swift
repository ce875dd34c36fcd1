import Foundation
import SharedValues
import Testing
@testable import Shell

/// A recursive grep large enough to be cut into several 1 MB pieces searched on helper
/// threads: the image search, the file-by-file walk and GNU grep print the same lines, in
/// order, with matches on the first and last line of the image, in files without a trailing
/// newline, and -i over non-ASCII text; -q and -m stop early without hanging.
@Suite(.serialized) struct GrepPiecesTests {
    static let fixture: CorpusFixture = {
        var generator = SeededGenerator(seed: 11)
        let words = ["station", "alpha", "beta", "Quick", "FOX", "ärger", "ÄRGER", "e", "notion", "tion", "xx-needle", "gamma delta", "lorem"]
        var files: [String: String] = [:]
        for index in 0..<260 {
            var lines: [String] = []
            for _ in 0..<Int(generator.next() % 400) {
                lines.append((0..<Int(1 + generator.next() % 12)).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " "))
            }
            if index == 0 { lines.insert("xx-needle opens the image", at: 0) }
            var text = lines.joined(separator: "\n")
            if index % 5 != 0 && !text.isEmpty { text += "\n" }
            if index == 259 { text += "\nzq-rare-7 only here\nlast line has the xx-needle" }
            files[String(format: "docs/%02d/f%03d.txt", index / 50, index)] = text
        }
        return try! CorpusFixture(files)
    }()

    static let arguments = ["-rn xx-needle", "-rn -i 'ärger'", "-rn -i 'QUICK fox'", "-rn -E '\\w+tion\\b'", "-rc e", "-rl needle",
                            "-rn -E 'alpha beta|gamma delta|xx-needle'", "-rn -w tion", "-rv -c e", "-rm2 -n tion", "-rL zzz", "-rn '^last'", "-rn zq-rare-7",
                            "-rn -i 'ZQ-RARE-7'", "-rl -E 'zq-rare-7|absent-one'"]

    @Test func imageWalkAndGNUAgree() async throws {
        let imaged = try Self.fixture.session(limits: ShellLimits(maxOutputBytes: 1 << 26, imageMinimumFiles: 1))
        let walked = try Self.fixture.session(limits: ShellLimits(maxOutputBytes: 1 << 26, imageMinimumFiles: Int.max))
        for arguments in Self.arguments {
            let image = await imaged.run("grep \(arguments) docs")
            let walk = await walked.run("grep \(arguments) docs")
            #expect(image.output == walk.output, "\(arguments)")
            #expect(image.exitStatus == walk.exitStatus, "\(arguments)")
            guard gnuToolsPresent else { continue }
            let gnu = try run("/usr/bin/env", ["LC_ALL=C", "bash", "-c", "grep \(arguments) docs"], in: Self.fixture.root)
            let sorted = { (text: String) in text.split(separator: "\n").sorted() }
            #expect(sorted(image.output) == sorted(gnu.stdout), "\(arguments): GNU")
            #expect(image.exitStatus == gnu.status, "\(arguments): GNU status")
        }
        let first = await imaged.run("grep -rn xx-needle docs | head -n 1")
        #expect(first.output == "docs/00/f000.txt:1:xx-needle opens the image\n")
        let last = await imaged.run("grep -rn xx-needle docs | tail -n 1")
        #expect(last.output.hasPrefix("docs/05/f259.txt:") && last.output.hasSuffix(":last line has the xx-needle\n"))
    }

    /// The pair index rules out the blocks without the rare literal and keeps the one with it.
    @Test func pairIndexSkipsBlocksWithoutTheLiteral() async throws {
        let imaged = try Self.fixture.session(limits: ShellLimits(imageMinimumFiles: 1))
        let found = await imaged.run("grep -rn zq-rare-7 docs").output
        #expect(found.hasPrefix("docs/05/f259.txt:") && found.hasSuffix(":zq-rare-7 only here\n") && found.split(separator: "\n").count == 1)
        let folder = Self.fixture.repository.gitDirectory.appendingPathComponent("fsctx/images")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".img") })
        let image = try #require(CorpusImage.load(folder.appendingPathComponent(name)))
        #expect(image.pairBlockCount >= 2)
        let needle = Array("zq-rare-7".utf8)
        let firstBlock = CorpusImage.headerSize..<(CorpusImage.headerSize + CorpusImage.pairBlockSize)
        #expect(!image.mayContain(needle, caseless: false, in: firstBlock))
        #expect(!image.mayContain(needle, caseless: true, in: firstBlock))
        #expect(image.mayContain(needle, caseless: false, in: CorpusImage.headerSize..<image.length))
        #expect(image.mayContain(Array("xx-needle".utf8), caseless: false, in: firstBlock))
        #expect(image.mayContain(Array("quick".utf8), caseless: true, in: firstBlock))
        #expect(!image.mayContain(Array("quick".utf8), caseless: false, in: firstBlock))
    }

    @Test func earlyStopsDoNotHang() async throws {
        let imaged = try Self.fixture.session(limits: ShellLimits(imageMinimumFiles: 1))
        #expect(await imaged.run("grep -rq tion docs").exitStatus == 0)
        #expect(await imaged.run("grep -rq zzz-absent docs").exitStatus == 1)
        #expect(await imaged.run("grep -r -m1 -c tion docs | head -n 2").output.split(separator: "\n").count == 2)
    }
}
