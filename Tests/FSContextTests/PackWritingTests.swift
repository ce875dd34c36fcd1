import Foundation
import Testing
@testable import FSContext

@Suite("Pack writing")
struct PackWritingTests {
    @Test("SHA-1 (swift-crypto) gives the standard vectors, in one piece or many")
    func sha1Vectors() {
        let vectors = [
            ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ]
        for (text, expected) in vectors {
            var pure = SHA1Hasher()
            pure.update(Array(text.utf8))
            #expect(GitOID(bytes: pure.finalize()).hex == expected)
            var hasher = SHA1Hasher()
            hasher.update(Array(text.utf8))
            #expect(GitOID(bytes: hasher.finalize()).hex == expected)
        }
        // Many small updates straddling block boundaries give the one-shot digest.
        let long = [UInt8]((0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        var pieces = SHA1Hasher()
        var offset = 0
        for size in [1, 63, 64, 65, 127, 1000, 3] + Array(repeating: 500, count: 20) where offset < long.count {
            let end = min(long.count, offset + size)
            pieces.update(Array(long[offset..<end]))
            offset = end
        }
        pieces.update(Array(long[offset...]))
        #expect(pieces.finalize() == long.withUnsafeBytes { SHA1Hasher.hash($0) })
    }

    @Test("blob ids match git hash-object, and a written pack passes git verify-pack")
    func packMatchesGit() throws {
        let dir = TemporaryDirectory()
        let repository = try GitRepository.create(at: dir.url, bare: true)
        let contents: [[UInt8]] = [[], Array("hello\n".utf8), [UInt8](repeating: 0x61, count: 70_000), Array("x".utf8)]
        let writer = PackFileWriter(gitDirectory: repository.gitDirectory, maxPackBytes: 100)
        let deflaters = MaterializeOptions.DeflateStrategy.allCases.map { Deflater(level: 1, strategy: $0) }
        for (index, content) in contents.enumerated() {
            let object = PackedObject(kind: .blob, bytes: content, deflater: deflaters[index % deflaters.count])
            let file = dir.url.appendingPathComponent("blob")
            try Data(content).write(to: file)
            #expect(GitOID(bytes: object.id).hex + "\n" == (try git(["hash-object", file.path], in: dir.url).stdout))
            try writer.append(object)
            try writer.append(object)  // duplicates are written once per pack
        }
        try writer.finish()
        let packs = try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("objects/pack").path)
        // The 100-byte limit closed the first pack after the 70,000-byte blob; its second append went
        // into a new pack (full at once too), "x" into a third.
        #expect(packs.filter { $0.hasSuffix(".idx") }.count == 3)
        for pack in packs where pack.hasSuffix(".idx") {
            let verify = try git(["verify-pack", "-v", "objects/pack/" + pack], in: dir.url)
            #expect(verify.status == 0, "\(verify.stderr)")
        }
        #expect(try repository.readBlob(GitOID(bytes: PackedObject.objectID(kind: .blob, bytes: contents[2]))) == contents[2])
    }

    @Test("every deflate strategy (fast-huffman is the default) writes packs that git verify-pack and fsck --strict accept")
    func everyStrategyPassesGitChecks() throws {
        #expect(MaterializeOptions(inputs: []).deflateStrategy == .fastHuffman)
        var random = SystemRandomNumberGenerator()
        let words = ["keeper", "light", "the", "of", "ship", "and", "1902", "harbour", "\n"].map { Array($0.utf8) }
        var prose: [UInt8] = []
        while prose.count < 300_000 { prose += words[Int.random(in: 0..<words.count, using: &random)] + [0x20] }
        let contents: [[UInt8]] = [
            [], Array("hello\n".utf8), [UInt8](repeating: 0x61, count: 70_000), prose,
            (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) },  // incompressible: stored blocks
        ]
        for strategy in MaterializeOptions.DeflateStrategy.allCases {
            let dir = TemporaryDirectory()
            let repository = try GitRepository.create(at: dir.url, bare: true)
            let writer = PackFileWriter(gitDirectory: repository.gitDirectory)
            let deflater = Deflater(level: 1, strategy: strategy)
            for content in contents { try writer.append(PackedObject(kind: .blob, bytes: content, deflater: deflater)) }
            try writer.finish()
            let packs = try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("objects/pack").path)
            for pack in packs where pack.hasSuffix(".idx") {
                let verify = try git(["verify-pack", "-v", "objects/pack/" + pack], in: dir.url)
                #expect(verify.status == 0, "\(strategy): \(verify.stderr)")
            }
            let fsck = try git(["fsck", "--strict", "--full"], in: dir.url)
            #expect(fsck.status == 0, "\(strategy): \(fsck.stderr)")
            for content in contents {
                #expect(try repository.readBlob(GitOID(bytes: PackedObject.objectID(kind: .blob, bytes: content))) == content, "\(strategy)")
            }
        }
    }
}
