import SharedValues
import Foundation
import Testing
import Models
@testable import OfflineBaseline
import TestSupport

/// Drives the offline model through a real agent loop over real files: `grep` runs as the
/// system grep through /bin/sh, `read FILE A B` prints numbered lines, `answer` ends the loop.
@Suite struct OfflineModelTests {
    static let shTool = ToolSchema(name: "sh", description: "Run a Shell program",
                                   parameters: ["type": "object", "properties": ["program": ["type": "string"]], "required": ["program"]])

    func corpus(_ files: [String: String]) throws -> TemporaryDirectory {
        let directory = TemporaryDirectory("fsctx-offline")
        for (path, text) in files {
            let url = directory.url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// Runs the loop; returns (answer, confidence, programs run).
    func solve(_ question: String, in directory: URL, model: OfflineModel, seed: Int? = nil) async throws -> (String, Double?, [String]) {
        var messages: [ChatMessage] = [.system("You answer questions about the corpus with the sh tool."),
                                       .user("The corpus is in the current directory.\nQuestion: \(question)")]
        var programs: [String] = []
        for _ in 0..<20 {
            let response = try await model.complete(ModelRequest(messages: messages, tools: [Self.shTool], seed: seed))
            #expect(response.usage.costUSD == 0)
            #expect(response.usage.promptTokens > 0)
            #expect(response.confidence != nil && VerbalizedConfidence.parse(response.text) == response.confidence)
            messages.append(response.message)
            guard let call = response.toolCalls.first, let program = call.stringArgument("program") else {
                Issue.record("no sh call: \(response.text)"); break
            }
            programs.append(program)
            if program.hasPrefix("answer ") {
                let words = ShellWords.split(program)
                #expect(words[1] == "--confidence" && Double(words[2]) == response.confidence)
                return (words[3], response.confidence, programs)
            }
            messages.append(.tool(callID: call.id, content: try execute(program, in: directory)))
        }
        return ("", nil, programs)
    }

    func execute(_ program: String, in directory: URL) throws -> String {
        if program.hasPrefix("read ") {
            let words = ShellWords.split(program)
            return try run("/usr/bin/awk", ["-v", "a=\(words[2])", "-v", "b=\(words[3])",
                                            "NR>=a && NR<=b { printf \"%6d\\t%s\\n\", NR, $0 }", words[1]], in: directory).stdout
        }
        return try run("/bin/sh", ["-c", program], in: directory).stdout
    }

    static func haystack(lines: Int, seed: Int) -> [String] {
        let words = ["the", "river", "ran", "past", "old", "mills", "and", "quiet", "fields", "under", "grey", "skies", "while", "farmers", "worked"]
        var generator = SeededGenerator(signedSeed: seed)
        return (0..<lines).map { _ in (0..<12).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ") + "." }
    }

    @Test func findsTheMagicNumberNeedle() async throws {
        var text = Self.haystack(lines: 400, seed: 1)
        text.insert("One of the special magic numbers for wandering-heron is: 7321890.", at: 233)
        text.insert("One of the special magic numbers for sleepy-otter is: 1111111.", at: 50)
        let directory = try corpus(["parts/0001.txt": text[0..<200].joined(separator: "\n"),
                                    "parts/0002.txt": text[200...].joined(separator: "\n")])
        for seed in 0..<4 {
            let (answer, confidence, programs) = try await solve(
                "What is the special magic number for wandering-heron mentioned in the provided text?",
                in: directory.url, model: OfflineModel(seed: seed))
            #expect(answer == "7321890", "seed \(seed): \(programs)")
            #expect((confidence ?? 0) >= 80)
            #expect(programs.first?.hasPrefix("grep -rn") == true)
        }
    }

    @Test func findsUUIDAndReadsAroundWhenTheValueIsOnTheNextLine() async throws {
        var text = Self.haystack(lines: 120, seed: 2)
        text.insert("The access code for Project Nightingale", at: 70)
        text.insert("is: 3f2c9a1e-5b7d-4e21-9c0a-77d1b2e4f6a8 and nothing else.", at: 71)
        let directory = try corpus(["docs/0001-notes.txt": text.joined(separator: "\n")])
        let (answer, _, programs) = try await solve("What is the UUID access code for \"Project Nightingale\"?", in: directory.url, model: OfflineModel())
        #expect(answer == "3f2c9a1e-5b7d-4e21-9c0a-77d1b2e4f6a8", "\(programs)")
        #expect(programs.contains { $0.hasPrefix("read ") })
    }

    @Test func followsAChainOfKeys() async throws {
        var text = Self.haystack(lines: 300, seed: 3)
        text.insert("The value of key alpha-one is: beta-two.", at: 20)
        text.insert("The value of key beta-two is: gamma-three.", at: 150)
        text.insert("The value of key gamma-three is: 98765.", at: 260)
        let directory = try corpus(["parts/0001.txt": text.joined(separator: "\n")])
        let (answer, _, programs) = try await solve("Start at key alpha-one and follow the chain of keys. What is the final value?",
                                                    in: directory.url, model: OfflineModel())
        #expect(answer == "98765", "\(programs)")
        #expect(programs.filter { $0.hasPrefix("grep") }.count >= 3)
    }

    @Test func answersDirectPromptsByScanning() async throws {
        var text = Self.haystack(lines: 200, seed: 4)
        text.insert("One of the special magic numbers for wandering-heron is: 7321890.", at: 120)
        let prompt = "Context:\n" + text.joined(separator: "\n") + "\n\nQuestion: What is the special magic number for wandering-heron mentioned in the provided text?"
        let response = try await OfflineModel().complete(ModelRequest(messages: [.user(prompt)]))
        #expect(response.text.hasPrefix("7321890"))
        #expect(response.toolCalls.isEmpty)
        #expect(VerbalizedConfidence.parse(response.text) == response.confidence)
        #expect(response.usage.promptTokens >= prompt.count / 4)
    }

    @Test func usesTheAnswerToolAndFencedBlocks() async throws {
        let prompt = "Context: The capital code for Zorbia is: ZB-77.\nQuestion: What is the capital code for Zorbia?"
        let answerTool = ToolSchema(name: "answer", description: "Give the final answer", parameters: ["type": "object"])
        let viaTool = try await OfflineModel().complete(ModelRequest(messages: [.user(prompt)], tools: [answerTool]))
        #expect(viaTool.toolCalls.first?.name == "answer")
        #expect(viaTool.toolCalls.first?.stringArgument("answer") == "ZB-77")
        #expect(VerbalizedConfidence.parse(toolCalls: viaTool.toolCalls) == viaTool.confidence)

        let fenced = try await OfflineModel().complete(ModelRequest(messages: [
            .system("Write one program per reply in a fenced ```sh block."), .user("Question: What is the code for Zorbia?")]))
        #expect(OfflineTranscript.fencedProgram(in: fenced.text)?.hasPrefix("grep -rn") == true)
    }

    @Test func saysNotFoundWithLowConfidence() async throws {
        let directory = try corpus(["a.txt": Self.haystack(lines: 50, seed: 5).joined(separator: "\n")])
        let (answer, confidence, _) = try await solve("What is the secret number for purple-walrus?", in: directory.url, model: OfflineModel())
        #expect(answer == OfflinePlanner.notFound)
        #expect(confidence == 5)
    }

    @Test func tableCellsAndPunctuationAreNotAnswers() {
        let extractor = AnswerExtractor(analysis: QuestionAnalysis("What was the name of the keeper of Gull Rock?"))
        // An INDEX.md row: after the key comes only a cell separator.
        #expect(extractor.valueAfterConnector(" |") == nil)
        #expect(extractor.valueAfterConnector(" — ; ") == nil)
        #expect(extractor.valueAfterConnector(" is Edith Marrow | 1902 |") == "Edith Marrow")
    }

    @Test func seedsVaryThePlanDeterministically() {
        let analysis = QuestionAnalysis("What did \"Anna Karenina\" say to Vronsky about the 1874 harvest at Pokrovskoe?")
        let plans = (0..<6).map { OfflinePlanner(analysis: analysis, seed: $0, maxSteps: 10).queries().map(\.term) }
        #expect(Set(plans.map { $0.joined(separator: "|") }).count > 1)
        #expect(plans[3] == OfflinePlanner(analysis: analysis, seed: 3, maxSteps: 10).queries().map(\.term))
        #expect(plans[0].first == "Anna Karenina")
    }
}

extension OfflineModelTests {
    @Test func collectsAllValuesWhenAskedForAll() async throws {
        var text = Self.haystack(lines: 100, seed: 6)
        text.insert("One of the special magic numbers for calm-lake is: 111.", at: 10)
        text.insert("One of the special magic numbers for calm-lake is: 222.", at: 60)
        text.insert("One of the special magic numbers for rough-sea is: 333.", at: 80)
        let directory = try corpus(["parts/0001.txt": text.joined(separator: "\n")])
        let (answer, _, _) = try await solve("What are all the special magic numbers for calm-lake mentioned in the provided text?",
                                             in: directory.url, model: OfflineModel())
        #expect(answer == "111, 222")
    }

    @Test func scansALargeDirectPromptQuickly() async throws {
        var text = Self.haystack(lines: 60_000, seed: 7)   // ≈ 4.5 MB
        text.insert("One of the special magic numbers for wandering-heron is: 7321890.", at: 41_000)
        let prompt = text.joined(separator: "\n") + "\nQuestion: What is the special magic number for wandering-heron?"
        let started = Date()
        let response = try await OfflineModel().complete(ModelRequest(messages: [.user(prompt)]))
        let elapsed = Date().timeIntervalSince(started)
        #expect(response.text.hasPrefix("7321890"))
        #expect(elapsed < 10, "took \(elapsed) s")
        print("direct scan of \(prompt.utf8.count) bytes: \(elapsed) s")
    }
}

extension OfflineModelTests {
    @Test func prefersTheAnswerToolWhenShAndAnswerAreOffered() async throws {
        let answerTool = ToolSchema(name: "answer", description: "Final answer", parameters: ["type": "object"])
        let grepOutput = "./parts/0001.txt:3:One of the special magic numbers for calm-lake is: 4242."
        let messages: [ChatMessage] = [
            .user("Question: What is the special magic number for calm-lake?"),
            .assistant("", toolCalls: [ToolCall(id: "c1", name: "sh", arguments: ["program": "grep -rn -i -F -e 'calm-lake' . | head -40"])]),
            .tool(callID: "c1", content: grepOutput),
        ]
        let response = try await OfflineModel().complete(ModelRequest(messages: messages, tools: [Self.shTool, answerTool]))
        #expect(response.toolCalls.first?.name == "answer")
        #expect(response.toolCalls.first?.stringArgument("answer") == "4242")
    }
}

extension OfflineModelTests {
    @Test func answersMultiKeyQuestions() async throws {
        var text = Self.haystack(lines: 300, seed: 8)
        text.insert("One of the special magic numbers for amber-fox is: 5550001.", at: 40)
        text.insert("One of the special magic numbers for silver-owl is: 5550002.", at: 210)
        text.insert("One of the special magic numbers for rusty-gate is: 9999999.", at: 120)
        let directory = try corpus(["parts/0001.txt": text[0..<150].joined(separator: "\n"), "parts/0002.txt": text[150...].joined(separator: "\n")])
        for seed in 0..<3 {
            let (answer, _, programs) = try await solve("What are the special magic numbers for amber-fox and silver-owl mentioned in the provided text?",
                                                        in: directory.url, model: OfflineModel(seed: seed))
            #expect(Set(answer.components(separatedBy: ", ")) == ["5550001", "5550002"], "seed \(seed): \(programs)")
        }
    }
}

extension OfflineModelTests {
    /// The Bench `threading` phrasing: links "The thread from X leads to Y." and an end
    /// "The thread from Z ends at the value V.", with other chains as distractors.
    @Test func followsBenchStyleThreads() async throws {
        var text = Self.haystack(lines: 400, seed: 9)
        let links = ["The thread from quiet-meadow leads to brisk-falcon.", "The thread from brisk-falcon leads to amber-lantern.",
                     "The thread from amber-lantern ends at the value 4417203.",
                     "The thread from hollow-stone leads to amber-lanterns.", "The thread from pale-river ends at the value 9990001."]
        for (offset, link) in links.enumerated() { text.insert(link, at: 37 + offset * 71) }
        let directory = try corpus(["threading/hops.txt": text.joined(separator: "\n")])
        let question = "The text contains threads: a sentence \"The thread from X leads to Y.\" moves a thread on from key X to key Y, "
            + "and \"The thread from Z ends at the value V.\" ends it. Follow the thread that starts at quiet-meadow. What value does it end at?"
        #expect(QuestionAnalysis(question).primary?.text == "quiet-meadow")
        for seed in 0..<3 {
            let (answer, _, programs) = try await solve(question, in: directory.url, model: OfflineModel(seed: seed))
            #expect(answer == "4417203", "seed \(seed): \(programs)")
        }
    }

    /// The Bench `niah` phrasings: word and UUID values, multi-value and multi-query questions.
    @Test func answersBenchStyleNeedles() async throws {
        var text = Self.haystack(lines: 500, seed: 10)
        let needles = ["One of the special magic words for gentle-badger is: lighthouse.",
                       "One of the special magic uuids for crimson-kettle is: 0f8fad5b-d9cb-469f-a165-70867728950e.",
                       "One of the special magic numbers for dusty-violin is: 1234567.",
                       "One of the special magic numbers for dusty-violin is: 7654321.",
                       "One of the special magic numbers for frozen-maple is: 2468024.",
                       "One of the special magic numbers for silent-harbor is: 1357913."]
        for (offset, needle) in needles.enumerated() { text.insert(needle, at: 20 + offset * 83) }
        let directory = try corpus(["niah/a.txt": text[0..<250].joined(separator: "\n"), "niah/b.txt": text[250...].joined(separator: "\n")])
        let cases = [
            ("What is the special magic word for gentle-badger mentioned in the provided text?", "lighthouse"),
            ("What is the special magic uuid for crimson-kettle mentioned in the provided text?", "0f8fad5b-d9cb-469f-a165-70867728950e"),
            ("What are all the special magic numbers for dusty-violin mentioned in the provided text?", "1234567, 7654321"),
            ("What are all the special magic numbers for frozen-maple and silent-harbor mentioned in the provided text?", "2468024, 1357913"),
        ]
        for (question, expected) in cases {
            let (answer, _, programs) = try await solve(question, in: directory.url, model: OfflineModel())
            #expect(answer == expected, "\(question): \(programs)")
        }
    }
}

extension OfflineModelTests {
    /// The Bench `codeqa` phrasings over a small Swift / Python / Go tree.
    @Test func answersCodeQuestionsFromDeclarations() async throws {
        let directory = try corpus([
            "Sources/Paint/Color.swift": "import Foundation\n\n/// Colours.\npublic enum Color: String {\n    case red, green\n    case blue\n    indirect case mix(Color, Color)\n    enum Nested { case a, b }\n}\n",
            "Sources/Paint/Painter.swift": "struct Painter {\n    func paint(_ color: Color,\n               times count: Int = 1, into canvas: inout [String: Int]) -> Bool {\n        true\n    }\n}\n",
            "tools/report.py": "import enum\n\nclass Level(enum.Enum):\n    LOW = 1\n    HIGH: int = 2\n\n    def describe(self):\n        return 'x'\n\ndef render(self, rows, *, width=80, **options):\n    pass\n",
            "cmd/main.go": "package main\n\ntype Server struct {\n}\n\nfunc (s *Server) Serve(host, port string, retries int) error {\n\treturn nil\n}\n",
        ])
        let cases = [
            ("Which file defines the type `Painter`? Answer with the file's path relative to the root of the tree.", "Sources/Paint/Painter.swift"),
            ("How many cases does the enum `Color` declared in `Sources/Paint/Color.swift` have? Answer with a number.", "4"),
            ("How many cases does the enum `Level` declared in `tools/report.py` have? Answer with a number.", "2"),
            ("What are the parameters of the function `paint` declared in `Sources/Paint/Painter.swift`? List each parameter as `name: Type` (Python: as written, Go: `name type`).",
             "color: Color, count: Int, canvas: inout [String: Int]"),
            ("What are the parameters of the function `render` declared in `tools/report.py`? List each parameter as `name: Type` (Python: as written, Go: `name type`).",
             "rows, width, **options"),
            ("What are the parameters of the function `Serve` declared in `cmd/main.go`? List each parameter as `name: Type` (Python: as written, Go: `name type`).",
             "host string, port string, retries int"),
        ]
        for (question, expected) in cases {
            let (answer, _, programs) = try await solve(question, in: directory.url, model: OfflineModel())
            #expect(answer == expected, "\(question): \(programs)")
        }
    }
}
