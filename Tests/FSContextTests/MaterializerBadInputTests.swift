import Foundation
import Testing
@testable import FSContext

@Suite("Materializer bad input")
struct MaterializerBadInputTests {
    func failure(_ options: MaterializeOptions, into target: URL) -> FSContextError? {
        do { _ = try Materializer(options).run(into: target); return nil } catch { return error as? FSContextError }
    }

    @Test("a missing file is a one-line error and nothing is created")
    func missing() {
        let dir = TemporaryDirectory()
        let target = dir.url.appendingPathComponent("c")
        let error = failure(MaterializeOptions(inputs: [dir.url.appendingPathComponent("nope.txt").path]), into: target)
        #expect(error?.code == .badInput)
        #expect(error?.message.contains("no such file") == true)
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test("empty input is refused")
    func empty() throws {
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "empty.txt", [])
        let blank = try writeInput(dir, "blank.jsonl", Array("\n\n".utf8))
        #expect(failure(MaterializeOptions(inputs: [input]), into: dir.url.appendingPathComponent("c"))?.message.contains("empty") == true)
        #expect(failure(MaterializeOptions(inputs: [blank]), into: dir.url.appendingPathComponent("d"))?.code == .badInput)
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("d").path))
    }

    @Test("a malformed JSONL line names file:line and leaves nothing; skip counts it")
    func malformedLine() throws {
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "bad.jsonl", Array("{\"text\":\"ok\"}\n{\"text\": oops}\n{\"title\":\"no text\"}\n".utf8))
        let target = dir.url.appendingPathComponent("c")
        let error = failure(MaterializeOptions(inputs: [input]), into: target)
        #expect(error?.message.hasPrefix("\(input):2: malformed JSONL line") == true)
        #expect(error?.message.contains("\n") == false)
        #expect(!FileManager.default.fileExists(atPath: target.path))

        var options = MaterializeOptions(inputs: [input])
        options.onBadLine = .skip
        let result = try Materializer(options).run(into: target)
        #expect(result.files == 1 && result.skippedBadLines == 2)
    }

    @Test("a failure in a reused corpus leaves the corpus ref and packs as they were")
    func failureKeepsCorpus() throws {
        let dir = TemporaryDirectory()
        let good = try writeInput(dir, "good.txt", Array("fine\n".utf8))
        let bad = try writeInput(dir, "bad.jsonl", Array("{\"text\":\"a\"}\nnot json\n".utf8))
        let target = dir.url.appendingPathComponent("c")
        let first = try Materializer(MaterializeOptions(inputs: [good])).run(into: target)
        let packs = try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent(".git/objects/pack").path)
        #expect(failure(MaterializeOptions(inputs: [bad]), into: target)?.message.contains("bad.jsonl:2") == true)
        let repository = try GitRepository.open(at: target)
        #expect(try repository.resolveReference(Materializer.branch) == first.commit)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent(".git/objects/pack").path).sorted() == packs.sorted())
        #expect(try git(["status", "--porcelain"], in: target).stdout.isEmpty)
    }

    @Test("a non-empty directory that is not a corpus repository is refused and left untouched")
    func foreignTarget() throws {
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "in.txt", Array("text\n".utf8))
        let target = dir.url.appendingPathComponent("occupied")
        try writeInput(dir, "occupied/keep.txt", Array("mine\n".utf8))
        let error = failure(MaterializeOptions(inputs: [input]), into: target)
        #expect(error?.code == .badTarget)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["keep.txt"])
    }

    @Test("invalid UTF-8 is replaced and counted by default, rejected with file:line on request")
    func invalidUTF8() throws {
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "inv.txt", Array("fine line\nabc".utf8) + [0xFF, 0xFE] + Array("def\n".utf8))
        let target = dir.url.appendingPathComponent("c")
        let result = try Materializer(MaterializeOptions(inputs: [input])).run(into: target)
        #expect(result.replacedInvalidUTF8 == 2)
        #expect(try CorpusRepository.open(at: target).readText(path: "parts/0001.txt") == "fine line\nabc\u{FFFD}\u{FFFD}def\n")
        var options = MaterializeOptions(inputs: [input])
        options.invalidUTF8 = .reject
        let error = failure(options, into: dir.url.appendingPathComponent("d"))
        #expect(error?.message.hasPrefix("\(input):2: invalid UTF-8") == true)
    }

    @Test("a binary file given directly is refused")
    func binaryInput() throws {
        let dir = TemporaryDirectory()
        let input = try writeInput(dir, "x.dat", [0x41, 0x00, 0x42, 0x0A])
        #expect(failure(MaterializeOptions(inputs: [input]), into: dir.url.appendingPathComponent("c"))?.message.contains("binary") == true)
    }
}
