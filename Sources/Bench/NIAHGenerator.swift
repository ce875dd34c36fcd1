import Foundation
import SharedValues

/// Needle-in-a-haystack tasks, worded as RULER does.
///
/// Needle: "One of the special magic {numbers|words|uuids} for {key} is: {value}."
/// Question: "What is the special magic {number|word|uuid} for {key} mentioned in the provided text?"
/// Keys are adjective-noun pairs (`wandering-heron`). One corpus file per length × depth × sample,
/// `niah/<variant>-<values>-<haystack>-<tokens>-d<depth%>-s<sample>.txt`; lengths are approximate
/// tokens (4 characters ≈ 1 token). Variants:
/// - `single`: one needle at the depth.
/// - `multikey`: the target needle at the depth plus `distractors` needles with other keys elsewhere.
/// - `multivalue`: `valuesPerKey` needles for one key (the first at the depth); the answer is all values.
/// - `multiquery`: `queries` keys with one value each (the first at the depth); one question asks for all.
public struct NIAHGenerator: BenchGenerator {
    /// The NIAH variants.
    public enum Variant: String, Sendable, CaseIterable { case single, multikey, multivalue, multiquery }
    /// What a needle's value is.
    public enum ValueKind: String, Sendable, CaseIterable { case number, word, uuid }

    /// The variant.
    public var variant: Variant
    /// The value kind.
    public var valueKind: ValueKind
    /// The haystack filler.
    public var haystack: HaystackKind
    /// Target lengths in approximate tokens.
    public var lengths: [Int]
    /// Needle depths, fractions of the text.
    public var depths: [Double]
    /// Samples per length × depth cell.
    public var samples: Int
    /// Distractor needles for `multikey`.
    public var distractors: Int
    /// Values per key for `multivalue`.
    public var valuesPerKey: Int
    /// Keys for `multiquery`.
    public var queries: Int
    /// The seed.
    public var seed: UInt64

    /// Creates a generator; the defaults follow RULER's common settings.
    public init(
        variant: Variant = .single, valueKind: ValueKind = .number, haystack: HaystackKind = .noise,
        lengths: [Int] = [4096], depths: [Double] = [0.5], samples: Int = 1, distractors: Int = 3,
        valuesPerKey: Int = 4, queries: Int = 4, seed: UInt64 = 0
    ) {
        self.variant = variant
        self.valueKind = valueKind
        self.haystack = haystack
        self.lengths = lengths
        self.depths = depths
        self.samples = samples
        self.distractors = distractors
        self.valuesPerKey = valuesPerKey
        self.queries = queries
        self.seed = seed
    }

    /// Writes one haystack per length × depth × sample, each with its task.
    public func generate(into directory: URL) throws -> [BenchTask] {
        try GeneratorSupport.validate(lengths: lengths, depths: depths)
        guard samples >= 1, distractors >= 0, valuesPerKey >= 1, queries >= 1, distractors + queries < 200 else {
            throw BenchError(.badInput, "samples, values per key and queries must be at least 1, distractors at least 0")
        }
        let folder = try GeneratorSupport.makeFolder("niah", in: directory)
        var tasks: [BenchTask] = []
        for length in lengths {
            for depth in depths {
                for sample in 0..<samples {
                    let name = "\(variant.rawValue)-\(valueKind.rawValue)-\(haystack.rawValue)-\(length)-\(GeneratorSupport.depthLabel(depth))-s\(sample)"
                    var random = SeededGenerator(seed: seed).derived(name)
                    let (needles, question, answers) = makeNeedles(depth: depth, random: &random)
                    let writer = HaystackWriter(kind: haystack, random: random.derived("haystack"))
                    let offsets = try writer.write(to: folder.appendingPathComponent(name + ".txt"),
                                                   targetCharacters: TokenEstimate.characters(forTokens: length), needles: needles)
                    let answering = needles.indices.filter { index in answers.contains { needles[index].text.contains($0) } }
                    tasks.append(BenchTask(
                        id: "niah-" + name, suite: .niah, variant: variant.rawValue, contextTokens: length, depth: depth,
                        question: question, answers: answers, scorer: .stringMatchAll,
                        corpus: "niah/\(name).txt", corpusFormat: .text, needleOffsets: answering.map { offsets[$0] }))
                }
            }
        }
        return tasks
    }

    private func makeNeedles(depth: Double, random: inout SeededGenerator)
        -> (needles: [HaystackWriter.Needle], question: String, answers: [String])
    {
        let noun = valueKind.rawValue
        func needle(_ key: String, _ value: String, _ depth: Double) -> HaystackWriter.Needle {
            .init(depth: depth, text: "One of the special magic \(noun)s for \(key) is: \(value).")
        }
        func randomDepth() -> Double { Double(random.below(1001)) / 1000 }
        switch variant {
        case .single:
            let key = GeneratorSupport.keys(1, random: &random)[0], value = makeValue(&random)
            return ([needle(key, value, depth)], singleQuestion(key), [value])
        case .multikey:
            let keys = GeneratorSupport.keys(1 + distractors, random: &random)
            let values = makeValues(keys.count, &random)
            var needles = [needle(keys[0], values[0], depth)]
            for index in 1..<keys.count { needles.append(needle(keys[index], values[index], randomDepth())) }
            return (needles, singleQuestion(keys[0]), [values[0]])
        case .multivalue:
            let key = GeneratorSupport.keys(1, random: &random)[0], values = makeValues(valuesPerKey, &random)
            let needles = values.enumerated().map { needle(key, $1, $0 == 0 ? depth : randomDepth()) }
            return (needles, "What are all the special magic \(noun)s for \(key) mentioned in the provided text?", values)
        case .multiquery:
            let keys = GeneratorSupport.keys(queries, random: &random), values = makeValues(queries, &random)
            let needles = keys.indices.map { needle(keys[$0], values[$0], $0 == 0 ? depth : randomDepth()) }
            let list = keys.count == 1 ? keys[0] : keys.dropLast().joined(separator: ", ") + " and " + keys.last!
            return (needles, "What are all the special magic \(noun)s for \(list) mentioned in the provided text?", values)
        }
    }

    private func singleQuestion(_ key: String) -> String {
        "What is the special magic \(valueKind.rawValue) for \(key) mentioned in the provided text?"
    }

    private func makeValues(_ count: Int, _ random: inout SeededGenerator) -> [String] {
        var values: [String] = [], seen = Set<String>()
        while values.count < count {
            let value = makeValue(&random)
            if seen.insert(value).inserted { values.append(value) }
        }
        return values
    }

    private func makeValue(_ random: inout SeededGenerator) -> String {
        switch valueKind {
        case .number: return String(1_000_000 + random.below(9_000_000))
        case .word: return random.pick(Vocabulary.valueWords)
        case .uuid:
            let hex = Array("0123456789abcdef")
            var characters = (0..<32).map { _ in hex[random.below(16)] }
            characters[12] = "4"
            characters[16] = hex[8 + random.below(4)]
            let text = String(characters)
            func part(_ from: Int, _ to: Int) -> Substring { text.dropFirst(from).prefix(to - from) }
            return [part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32)].joined(separator: "-")
        }
    }
}
