import Foundation
import SharedValues
import Testing
@testable import Bench

@Suite struct BenchTaskFileTests {
    let temp = TemporaryDirectory()

    func write(_ lines: [String]) throws -> URL {
        let url = temp.url.appendingPathComponent("tasks.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func row(id: String = "t1", corpus: String = "c.txt") -> String {
        #"{"id":"\#(id)","suite":"niah","variant":"single","context_tokens":100,"question":"q?","answers":["a"],"scorer":"string_match_all","corpus":"\#(corpus)","corpus_format":"text"}"#
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch { return "\(error)" }
    }

    @Test func loadsRowsWithOptionalDepthAndResolvesCorpusPaths() throws {
        try "text".write(to: temp.url.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        let file = try BenchTaskFile(contentsOf: try write([row(), "", row(id: "t2")]))
        #expect(file.tasks.map(\.id) == ["t1", "t2"] && file.tasks[0].depth == nil)
        #expect(file.corpusURL(for: file.tasks[0]).path == temp.url.appendingPathComponent("c.txt").path)
    }

    @Test func badTaskFilesGetOneLineErrorsWithLineNumbers() throws {
        try "text".write(to: temp.url.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        #expect(message { _ = try BenchTaskFile(contentsOf: try write([row(), "{not json"])) }.hasSuffix("tasks.jsonl:2: not a valid BenchTask row (not JSON)"))
        #expect(message { _ = try BenchTaskFile(contentsOf: try write([row().replacingOccurrences(of: "string_match_all", with: "bleu")])) }.contains("tasks.jsonl:1: not a valid BenchTask row (bad value at scorer"))
        #expect(message { _ = try BenchTaskFile(contentsOf: try write([#"{"id":"x"}"#])) }.contains("missing key"))
        #expect(message { _ = try BenchTaskFile(contentsOf: try write([row(), row()])) }.contains("task id \"t1\" appears twice"))
        #expect(message { _ = try BenchTaskFile(contentsOf: try write([row(corpus: "../c.txt")])) }.contains("must be a path inside"))
        #expect(message { _ = try BenchTaskFile(contentsOf: try write([row(corpus: "missing.txt")])) }.contains("\"missing.txt\" of task \"t1\" does not exist"))
        #expect(message { _ = try BenchTaskFile(contentsOf: temp.url.appendingPathComponent("nope.jsonl")) }.hasPrefix("cannot read"))
        for text in [message { _ = try BenchTaskFile(contentsOf: try write([row(), "{"])) }] { #expect(!text.contains("\n")) }
    }

    @Test func proseHaystackVariesAndNeverUsesNeedleWords() throws {
        var prose = ProseGenerator(random: SeededGenerator(seed: 11))
        let sentences = (0..<400).map { _ in prose.sentence() }
        let openings = Set(sentences.map { $0.split(separator: " ").prefix(1).joined() })
        #expect(openings.count >= 8, "sentence shapes: \(openings.sorted())")
        #expect(Set(sentences).count > 350)
        let text = sentences.joined(separator: " ").lowercased()
        for word in ["special", "magic", "thread", "value"] { #expect(!text.contains(word)) }
    }
}
