import Foundation
import Testing
import Models
@testable import OfflineBaseline
import TestSupport

/// Code questions phrased as no generator here writes them: the offline baseline must read the
/// intent and names from the words, not from the `codeqa` templates.
@Suite struct CodeQuestionTests {
    @Test("intent and names from free phrasings", arguments: [
        ("Where is `Painter` declared?", CodeQuestion.definingFile(name: "Painter")),
        ("In which source file can I find the class Painter?", .definingFile(name: "Painter")),
        ("which file is RetryPolicy defined in", .definingFile(name: "RetryPolicy")),
        ("List the arguments that `paint(_:times:into:)` accepts.", .parameters(function: "paint", path: nil)),
        ("What is the signature of the method render in tools/report.py?", .parameters(function: "render", path: "tools/report.py")),
        ("What does serve_forever take as params?", .parameters(function: "serve_forever", path: nil)),
        ("Count the variants of enum `Color` in `./Sources/Paint/Color.swift`.", .enumCaseCount(name: "Color", path: "Sources/Paint/Color.swift")),
        ("How many members does the Level enumeration have?", .enumCaseCount(name: "Level", path: nil)),
    ])
    func parses(_ question: String, _ expected: CodeQuestion) {
        #expect(CodeQuestion(question) == expected)
    }

    @Test("questions about prose are not code questions", arguments: [
        "What is the special magic number for wandering-heron mentioned in the provided text?",
        "How many cases of flu were reported in the provided records?",
        "Which city hosted the 1900 games?",
        "What are the arguments for and against the treaty?",
    ])
    func prose(_ question: String) {
        #expect(CodeQuestion(question) == nil)
    }
}

extension OfflineModelTests {
    /// The same small tree as `answersCodeQuestionsFromDeclarations`, asked in words no generator wrote.
    @Test func answersCodeQuestionsPhrasedFreely() async throws {
        let directory = try corpus([
            "Sources/Paint/Color.swift": "import Foundation\n\n/// Colours.\npublic enum Color: String {\n    case red, green\n    case blue\n    indirect case mix(Color, Color)\n    enum Nested { case a, b }\n}\n",
            "Sources/Paint/Painter.swift": "struct Painter {\n    func paint(_ color: Color,\n               times count: Int = 1, into canvas: inout [String: Int]) -> Bool {\n        true\n    }\n}\n",
            "tools/report.py": "import enum\n\nclass Level(enum.Enum):\n    LOW = 1\n    HIGH: int = 2\n\n    def describe(self):\n        return 'x'\n\ndef render(self, rows, *, width=80, **options):\n    pass\n",
        ])
        let cases = [
            ("Where is the struct Painter declared?", "Sources/Paint/Painter.swift"),
            ("Count the variants of enum `Color`.", "4"),
            ("How many members does the Level enumeration in tools/report.py have?", "2"),
            ("List the arguments that `render(rows:width:)` accepts.", "rows, width, **options"),
        ]
        for (question, expected) in cases {
            let (answer, _, programs) = try await solve(question, in: directory.url, model: OfflineModel())
            #expect(answer == expected, "\(question): \(programs)")
        }
    }
}
