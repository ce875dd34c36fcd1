import Foundation
import Testing
import Models
@testable import OfflineBaseline
import TestSupport

/// Code-like values (`4821-KILO`, `v2.3.1`, `AB_77/c`, `17-42-09`) are one value, in
/// phrasings no generator here uses, planted in prose no generator wrote: the essay in
/// `corpora/essays/` (written for this project, CC0) and the story in `corpora/sample/`.
@Suite struct OfflineCodeValueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The essay's paragraphs with `needles` inserted after the given paragraph numbers.
    static func essay(with needles: [Int: String]) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent("corpora/essays/small-workshops.txt"), encoding: .utf8)
        var paragraphs = text.components(separatedBy: "\n\n")
        for (after, needle) in needles.sorted(by: { $0.key > $1.key }) {
            paragraphs[after] += " " + needle
        }
        return paragraphs.joined(separator: "\n\n")
    }

    static let needles: [(needle: String, question: String, answer: String)] = [
        ("The access code for Project Wren is 4821-KILO.", "What is the access code for Project Wren?", "4821-KILO"),
        ("The firmware on the Osprey guillotine was pinned to v2.3.1 after the recall.",
         "Which firmware version was the Osprey guillotine pinned to?", "v2.3.1"),
        ("Marguerite filed the cellar key under shelf mark AB_77/c, beside the atlases.",
         "Under which shelf mark did Marguerite file the cellar key?", "AB_77/c"),
        ("Tomasz Wilk kept his locker combination, 17-42-09, taped inside a biscuit tin.",
         "What was Tomasz Wilk's locker combination?", "17-42-09"),
        ("The brass gauge still carries the Halvard tag, which reads 3310-B.", "What number is on the Halvard tag?", "3310-B"),
    ]

    @Test(arguments: needles.indices)
    func anAgentGetsTheWholeCodeValue(_ which: Int) async throws {
        let (needle, question, expected) = Self.needles[which]
        let harness = OfflineModelTests()
        let story = try String(contentsOf: Self.root.appendingPathComponent("corpora/sample/the-keeper-of-gull-rock.md"), encoding: .utf8)
        let directory = try harness.corpus(["essays/small-workshops.txt": try Self.essay(with: [2 + which * 2: needle]),
                                            "story/gull-rock.txt": story])
        let (answer, _, programs) = try await harness.solve(question, in: directory.url, model: OfflineModel())
        #expect(answer == expected, "\(question): \(programs)")
    }

    @Test func aDirectPromptGetsTheWholeCodeValue() async throws {
        let context = try Self.essay(with: [1: Self.needles[0].needle, 5: Self.needles[1].needle])
        for (_, question, expected) in Self.needles.prefix(2) {
            let response = try await OfflineModel().complete(ModelRequest(messages: [.user("Context:\n\(context)\n\nQuestion: \(question)")]))
            #expect(response.text.hasPrefix(expected + "\n") || response.text == expected, "\(question): \(response.text)")
        }
    }

    @Test func codeValuesAreNotCutAtTheirJoints() {
        let any = AnswerExtractor(analysis: QuestionAnalysis("What is the access code for Project Wren?"))
        #expect(any.valueAfterConnector(" is 4821-KILO.") == "4821-KILO")
        #expect(any.valueAfterConnector(" is v2.3.1, as before.") == "v2.3.1")
        #expect(any.valueAfterConnector(": AB_77/c.") == "AB_77/c")
        #expect(any.valueAfterConnector(" is 7321890.") == "7321890")
        #expect(any.valueAfterConnector(" is eat a sandwich in Dolores Park.") == "eat a sandwich in Dolores Park")
        let number = AnswerExtractor(analysis: QuestionAnalysis("What number is the code for Project Wren?"))
        #expect(number.valueAfterConnector(" is 4821-KILO.") == "4821-KILO")
        #expect(number.valueAfterConnector(" is 1,234.") == "1,234")
        #expect(number.valueAfterConnector(" is 3.5.") == "3.5")
    }
}
