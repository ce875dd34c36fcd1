import Foundation
import SharedValues

/// Code-QA tasks from the facts of a local source tree (Swift, Python, Go).
///
/// The scanned files are copied to `codeqa/tree/` (the corpus input, a directory) and questions
/// are drawn from what `SourceScanner` finds there:
/// - `type-file`: "Which file defines the type `X`?" — gold: the path relative to the tree
///   (string-match-all); only types declared in exactly one file.
/// - `enum-cases`: "How many cases does the enum `E` declared in `path` have?" — 0.75^|Δ|.
/// - `function-params`: "What are the parameters of the function `f` declared in `path`?" — gold:
///   each `name: Type` (Swift), as written (Python) or `name type` (Go), string-match-all;
///   only functions with a unique name and parameters.
public struct CodeQAGenerator: BenchGenerator {
    /// The source tree to read.
    public var source: URL
    /// Questions per kind at most.
    public var questionsPerKind: Int
    /// The seed (chooses which facts are asked about).
    public var seed: UInt64

    /// Creates a generator.
    public init(source: URL, questionsPerKind: Int = 10, seed: UInt64 = 0) {
        self.source = source
        self.questionsPerKind = questionsPerKind
        self.seed = seed
    }

    /// Copies the scanned files to `codeqa/tree/` and asks about them.
    public func generate(into directory: URL) throws -> [BenchTask] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BenchError(.notFound, "source tree \(source.path) is not a directory; pass --source DIR")
        }
        guard questionsPerKind >= 1 else { throw BenchError(.badInput, "questions per kind must be at least 1") }
        let facts = try SourceScanner(root: source).scan()
        guard !facts.files.isEmpty else {
            throw BenchError(.badInput, "no .swift, .py or .go files under \(source.path); pass --source DIR with a source tree")
        }
        let tree = try GeneratorSupport.makeFolder("codeqa/tree", in: directory)
        for file in facts.files {
            let target = tree.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: source.appendingPathComponent(file.path), to: target)
            } catch { throw BenchError(.io, "cannot copy \(file.path) into \(tree.path): \(error.localizedDescription)") }
        }
        let tokens = TokenEstimate.tokens(forCharacters: facts.files.reduce(0) { $0 + $1.bytes })
        var random = SeededGenerator(seed: seed).derived("codeqa")
        var tasks: [BenchTask] = []
        func add(_ variant: String, _ question: String, _ answers: [String], _ scorer: BenchScorer) {
            tasks.append(BenchTask(id: "codeqa-\(variant)-\(tasks.count)", suite: .codeqa, variant: variant,
                                   contextTokens: tokens, question: question, answers: answers, scorer: scorer,
                                   corpus: "codeqa/tree", corpusFormat: .directory))
        }
        let typeCounts = facts.types.reduce(into: [String: Set<String>]()) { $0[$1.name, default: []].insert($1.path) }
        for type in facts.types.filter({ typeCounts[$0.name]?.count == 1 }).shuffledPrefix(questionsPerKind, random: &random) {
            add("type-file", "Which file defines the type `\(type.name)`? Answer with the file's path relative to the root of the tree.",
                [type.path], .stringMatchAll)
        }
        for item in facts.enums.filter({ $0.count > 0 }).shuffledPrefix(questionsPerKind, random: &random) {
            add("enum-cases", "How many cases does the enum `\(item.name)` declared in `\(item.path)` have? Answer with a number.",
                [String(item.count)], .count075)
        }
        let functionCounts = facts.functions.reduce(into: [String: Int]()) { $0[$1.name, default: 0] += 1 }
        let functions = facts.functions.filter { functionCounts[$0.name] == 1 && !$0.parameters.isEmpty }
        for function in functions.shuffledPrefix(questionsPerKind, random: &random) {
            add("function-params",
                "What are the parameters of the function `\(function.name)` declared in `\(function.path)`? List each parameter as `name: Type` (Python: as written, Go: `name type`).",
                function.parameters, .stringMatchAll)
        }
        return tasks
    }
}
