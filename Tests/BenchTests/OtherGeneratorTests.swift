import Foundation
import Testing
@testable import Bench

@Suite struct OtherGeneratorTests {
    @Test func threadingChainsLeadFromTheStartKeyToTheGoldValue() throws {
        let temp = TemporaryDirectory()
        let (taskFile, tasks) = try ThreadingGenerator(hops: 4, chains: 3, lengths: [2048], seed: 5).write(to: temp.url.appendingPathComponent("t"))
        let file = try BenchTaskFile(contentsOf: taskFile)
        #expect(tasks.count == 3)
        #expect(Set(tasks.map(\.corpus)).count == 1, "the chains of one corpus share it")
        let text = try String(contentsOf: file.corpusURL(for: tasks[0]), encoding: .utf8)
        #expect(abs(text.utf8.count - 2048 * TokenEstimate.charactersPerToken) < 300)
        for task in tasks {
            var key = String(try #require(task.question.range(of: #"starts at ([a-z]+-[a-z]+)\."#, options: .regularExpression))
                .map { task.question[$0] }!.dropFirst("starts at ".count).dropLast())
            var hops = 0
            while let link = text.range(of: "The thread from \(key) leads to ") {
                key = String(text[link.upperBound...].prefix { $0 != "." })
                hops += 1
            }
            #expect(hops == 4)
            #expect(text.contains("The thread from \(key) ends at the value \(task.answers[0])."))
        }
    }

    @Test func aggregateRecordsHideTheLabelAndGoldCountsFollowTheRule() throws {
        let temp = TemporaryDirectory()
        let folder = temp.url.appendingPathComponent("a")
        let (taskFile, tasks) = try AggregateGenerator(lengths: [4096], seed: 9).write(to: folder)
        let file = try BenchTaskFile(contentsOf: taskFile)
        struct Record { var user: String, date: String, text: String }
        let url = file.corpusURL(for: tasks[0])
        #expect(tasks[0].corpusFormat == .text)
        let raw = try String(contentsOf: url, encoding: .utf8)
        // OOLONG's layout: one record a line, user and date beside the text.
        let records = try raw.split(separator: "\n").map { line in
            let parts = line.components(separatedBy: " || ")
            try #require(parts.count == 3 && parts[0].hasPrefix("Date: ") && parts[1].hasPrefix("User: ") && parts[2].hasPrefix("Instance: "))
            return Record(user: String(parts[1].dropFirst(6)), date: String(parts[0].dropFirst(6)), text: String(parts[2].dropFirst(10)))
        }
        #expect(!raw.lowercased().contains("label"))
        #expect(abs(raw.utf8.count - 4096 * 4) < 400)
        let labels = records.map { AggregateLabel.classify($0.text) }
        #expect(!labels.contains(nil), "every record has exactly one label by the rule")
        for label in AggregateLabel.allCases {
            let task = try #require(tasks.first { $0.variant == "count" && $0.question.contains("labelled \(label.rawValue)?") })
            #expect(task.answers == [String(labels.filter { $0 == label }.count)])
            #expect(task.scorer == .count075)
        }
        for task in tasks where task.variant == "count-user" {
            let user = String(task.question.components(separatedBy: "records of user ")[1].split(separator: " ")[0])
            let label = AggregateLabel.allCases.first { task.question.contains("labelled \($0.rawValue)?") }!
            #expect(task.answers == [String(zip(records, labels).filter { $0.0.user == user && $0.1 == label }.count)])
        }
        #expect(Set(tasks.map(\.variant)).isSuperset(of: ["count", "count-user", "count-month", "compare-user"]))
        #expect(tasks.filter { $0.variant == "compare-user" }.allSatisfy { $0.scorer == .labelExact })
        let gold = try String(contentsOf: folder.appendingPathComponent("aggregate-gold/records-4096-s0.labels.jsonl"), encoding: .utf8)
        #expect(gold.split(separator: "\n").count == records.count)
    }

    @Test func codeQAAsksAboutFactsOfTheTree() throws {
        let temp = TemporaryDirectory()
        let source = temp.url.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: source.appendingPathComponent("Lib/.build"), withIntermediateDirectories: true)
        try """
        /// A colour.
        public enum Colour: String {
            case red, green
            case blue // "}" in a comment
            indirect case mixed(Colour, Colour)
            enum Nested { case a, b, c }
            func describe(in language: String = "en", times: Int) -> String { "x{" }
        }
        """.write(to: source.appendingPathComponent("Lib/Colour.swift"), atomically: true, encoding: .utf8)
        try """
        struct Palette {
            func blend(_ first: Colour, with second: Colour, weights: [String: Double], done: (Int) -> Void) {}
        }
        """.write(to: source.appendingPathComponent("Lib/Palette.swift"), atomically: true, encoding: .utf8)
        try "class Loader:\n    def load(self, path, *, strict=False):\n        pass\n".write(to: source.appendingPathComponent("loader.py"), atomically: true, encoding: .utf8)
        try "package lib\n\ntype Store struct {\n\tpath string\n}\n\nfunc (s *Store) Put(key, value string, ttl int) error {\n\treturn nil\n}\n".write(to: source.appendingPathComponent("store.go"), atomically: true, encoding: .utf8)
        try "struct Hidden {}".write(to: source.appendingPathComponent("Lib/.build/Hidden.swift"), atomically: true, encoding: .utf8)

        let (taskFile, tasks) = try CodeQAGenerator(source: source, seed: 1).write(to: temp.url.appendingPathComponent("q"))
        let file = try BenchTaskFile(contentsOf: taskFile)
        func answers(_ variant: String, _ name: String) -> [String]? {
            tasks.first { $0.variant == variant && $0.question.contains("`\(name)`") }?.answers
        }
        #expect(answers("type-file", "Palette") == ["Lib/Palette.swift"])
        #expect(answers("type-file", "Loader") == ["loader.py"])
        #expect(answers("type-file", "Hidden") == nil)
        #expect(answers("enum-cases", "Colour") == ["4"])
        #expect(answers("enum-cases", "Nested") == ["3"])
        #expect(answers("function-params", "describe") == ["language: String", "times: Int"])
        #expect(answers("function-params", "blend") == ["first: Colour", "second: Colour", "weights: [String: Double]", "done: (Int) -> Void"])
        #expect(answers("function-params", "load") == ["path", "strict"])
        #expect(answers("type-file", "Store") == ["store.go"])
        #expect(answers("function-params", "Put") == ["key string", "value string", "ttl int"])
        #expect(tasks.allSatisfy { $0.corpusFormat == .directory && $0.corpus == "codeqa/tree" })
        #expect(FileManager.default.fileExists(atPath: file.corpusURL(for: tasks[0]).appendingPathComponent("Lib/Colour.swift").path))
        #expect(!FileManager.default.fileExists(atPath: file.corpusURL(for: tasks[0]).appendingPathComponent("Lib/.build").path))
    }
}
