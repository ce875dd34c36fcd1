import Foundation
import Testing

/// The `fsctx` binary next to the test bundle (`swift test` builds every product).
let fsctxBinary: String? = {
    let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("fsctx")
    var directory = candidate.deletingLastPathComponent()
    for _ in 0..<4 {
        let path = directory.appendingPathComponent("fsctx").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
        directory = directory.deletingLastPathComponent()
    }
    return nil
}()

@Suite("fsctx materialize (CLI)", .enabled(if: fsctxBinary != nil, "the fsctx binary is built by swift build / swift test"))
struct MaterializeCommandTests {
    @Test("prints the commit, or JSON; reads stdin; bad input exits non-zero with one line")
    func commandLine() throws {
        let binary = try #require(fsctxBinary)
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "book.txt", Array(book().utf8))
        let target = dir.url.appendingPathComponent("c").path

        let plain = try run(binary, ["materialize", input, "--into", target])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.count == 41)
        #expect(try git(["rev-parse", "corpus"], in: URL(fileURLWithPath: target)).stdout == plain.stdout)

        let json = try run(binary, ["materialize", input, "--into", dir.url.appendingPathComponent("j").path, "--json", "--chunk-bytes", "512"])
        let fields = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let keys = Set((fields ?? [:]).keys)
        #expect(keys.isSuperset(of: ["commit", "tree", "files", "bytes", "seconds"]))

        let piped = try run(binary, ["materialize", "-", "--into", dir.url.appendingPathComponent("s").path],
                            stdin: #"{"title":"Piped","text":"from stdin"}"# + "\n")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("s/docs/0001-piped.txt").path))

        let bad = try writeInput(dir, "bad.jsonl", Array("{\"text\":1}\n".utf8))
        let failed = try run(binary, ["materialize", bad, "--into", dir.url.appendingPathComponent("b").path])
        #expect(failed.status == 2)
        #expect(failed.stderr.hasPrefix("fsctx materialize: \(bad):1:") && failed.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("b").path))

        let refused = try run(binary, ["materialize", input, "--into", dir.url.path])
        #expect(refused.status == 3)
        #expect(try run(binary, ["materialize", "--help"]).stdout.contains("--invalid-utf8"))
    }

    @Test("--deflate picks the pack compressor: same tree with every one, fsck --strict clean; a wrong name is refused")
    func deflateOption() throws {
        let binary = try #require(fsctxBinary)
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "book.txt", Array(book().utf8))
        var trees: Set<String> = []
        for name in ["fast-huffman", "libdeflate", "zlib-huffman", "zlib-rle", "zlib"] {
            let target = dir.url.appendingPathComponent(name)
            let result = try run(binary, ["materialize", input, "--into", target.path, "--no-checkout", "--deflate", name])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            trees.insert(try git(["rev-parse", "corpus^{tree}"], in: target).stdout)
            let fsck = try git(["fsck", "--strict", "--full"], in: target)
            #expect(fsck.status == 0, "\(name): \(fsck.stderr)")
        }
        #expect(trees.count == 1)
        let wrong = try run(binary, ["materialize", input, "--into", dir.url.appendingPathComponent("w").path, "--deflate", "lzma"])
        #expect(wrong.status != 0 && wrong.stderr.contains("--deflate must be one of fast-huffman, libdeflate"), "\(wrong.stderr)")
    }
}
