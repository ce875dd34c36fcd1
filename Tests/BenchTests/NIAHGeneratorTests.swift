import Foundation
import Testing
@testable import Bench

@Suite struct NIAHGeneratorTests {
    func bytes(of directory: URL) throws -> [String: Data] {
        let files = FileManager.default.enumerator(atPath: directory.path)!.compactMap { $0 as? String }
        return Dictionary(uniqueKeysWithValues: try files.filter { !$0.hasSuffix("/") }.compactMap { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory)
            return isDirectory.boolValue ? nil : (path, try Data(contentsOf: directory.appendingPathComponent(path)))
        })
    }

    @Test(arguments: [HaystackKind.noise, .prose])
    func sameSeedGivesSameBytesAndAnotherSeedDoesNot(haystack: HaystackKind) throws {
        let temp = TemporaryDirectory()
        let generator = NIAHGenerator(variant: .multikey, valueKind: .uuid, haystack: haystack, lengths: [1024, 2048], depths: [0.1, 0.9], seed: 7)
        try generator.write(to: temp.url.appendingPathComponent("a"))
        try generator.write(to: temp.url.appendingPathComponent("b"))
        var other = generator
        other.seed = 8
        try other.write(to: temp.url.appendingPathComponent("c"))
        let a = try bytes(of: temp.url.appendingPathComponent("a"))
        #expect(a.count == 5)
        #expect(a == (try bytes(of: temp.url.appendingPathComponent("b"))))
        #expect(a != (try bytes(of: temp.url.appendingPathComponent("c"))))
    }

    @Test(arguments: [0.0, 0.25, 0.5, 0.75, 1.0])
    func needleSitsAtTheRequestedDepthAndLengthIsWithinTolerance(depth: Double) throws {
        let temp = TemporaryDirectory()
        for haystack in HaystackKind.allCases {
            let folder = temp.url.appendingPathComponent(haystack.rawValue)
            let (taskFile, tasks) = try NIAHGenerator(haystack: haystack, lengths: [8192], depths: [depth], seed: 3).write(to: folder)
            let task = try #require(tasks.first)
            let text = try String(contentsOf: BenchTaskFile(contentsOf: taskFile).corpusURL(for: task), encoding: .utf8)
            let target = 8192 * TokenEstimate.charactersPerToken
            #expect(abs(text.utf8.count - target) < 300, "length \(text.utf8.count) vs \(target)")
            let needle = "One of the special magic numbers for "
            let range = try #require(text.range(of: needle))
            #expect(text.components(separatedBy: needle).count == 2)
            let offset = Double(text.utf8.distance(from: text.startIndex, to: range.lowerBound))
            #expect(abs(offset / Double(text.utf8.count) - depth) < 0.01, "needle at \(offset / Double(text.utf8.count)) for depth \(depth)")
            #expect(text.contains("\(task.question.split(separator: " ")[7]) is: \(task.answers[0])."))
        }
    }

    @Test func variantsPutEveryGoldValueInTheText() throws {
        let temp = TemporaryDirectory()
        for variant in NIAHGenerator.Variant.allCases {
            for kind in NIAHGenerator.ValueKind.allCases {
                let folder = temp.url.appendingPathComponent("\(variant)-\(kind)")
                let (taskFile, tasks) = try NIAHGenerator(variant: variant, valueKind: kind, lengths: [512], depths: [0.5], seed: 1).write(to: folder)
                let file = try BenchTaskFile(contentsOf: taskFile)
                let task = try #require(tasks.first)
                let text = try String(contentsOf: file.corpusURL(for: task), encoding: .utf8)
                let needles = text.components(separatedBy: "One of the special magic \(kind.rawValue)s for ").count - 1
                let expected = ["single": 1, "multikey": 4, "multivalue": 4, "multiquery": 4][variant.rawValue]
                #expect(needles == expected, "\(variant) \(kind)")
                #expect(task.answers.count == (variant == .multivalue || variant == .multiquery ? 4 : 1))
                for answer in task.answers { #expect(text.contains("is: \(answer).")) }
                #expect(task.scorer.score(prediction: task.answers.joined(separator: ", "), answers: task.answers) == 1)
                if kind == .uuid { #expect(task.answers[0].range(of: #"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#, options: .regularExpression) != nil) }
            }
        }
    }

    @Test func refusesANonEmptyFolderAndBadGridsWithoutWritingAnything() throws {
        let temp = TemporaryDirectory()
        let folder = temp.url.appendingPathComponent("out")
        try NIAHGenerator(lengths: [256]).write(to: folder)
        #expect(throws: BenchError.self) { try NIAHGenerator(lengths: [256]).write(to: folder) }
        try NIAHGenerator(lengths: [256], seed: 2).write(to: folder, replacing: true)
        let bad = temp.url.appendingPathComponent("bad")
        #expect(throws: BenchError.self) { try NIAHGenerator(lengths: [256], depths: [1.5]).write(to: bad) }
        #expect(!FileManager.default.fileExists(atPath: bad.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).sorted() == ["out"])
    }
}
