import Foundation
import SharedValues

/// OOLONG-style aggregation tasks over labelled records.
///
/// Each corpus is a text file of records, one a line, as OOLONG lays them out
/// (`Date: 2024-02-11 || User: hugo_1 || Instance: …`), so user and date stay next to the text
/// in whatever layout the corpus gets; the label is hidden (not in the file) but follows from
/// the text by the rule in `AggregateLabel`. The gold labels
/// are kept in `aggregate-gold/` for audit. Questions per corpus: counts of each label, counts
/// restricted to a user or a month, "which label is more common among a user's records: A or B?"
/// and the most common label overall. Counts score 0.75^|Δ|, labels exactly.
public struct AggregateGenerator: BenchGenerator {
    /// Target lengths in approximate tokens.
    public var lengths: [Int]
    /// Corpora per length.
    public var samples: Int
    /// The seed.
    public var seed: UInt64

    /// Creates a generator.
    public init(lengths: [Int] = [4096], samples: Int = 1, seed: UInt64 = 0) {
        self.lengths = lengths
        self.samples = samples
        self.seed = seed
    }

    struct Record: Codable { var id: String, user: String, date: String, text: String }

    /// Writes one records file per length × sample and its questions.
    public func generate(into directory: URL) throws -> [BenchTask] {
        try GeneratorSupport.validate(lengths: lengths, depths: [0])
        guard samples >= 1 else { throw BenchError(.badInput, "samples must be at least 1") }
        let folder = try GeneratorSupport.makeFolder("aggregate", in: directory)
        let goldFolder = try GeneratorSupport.makeFolder("aggregate-gold", in: directory)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var tasks: [BenchTask] = []
        for length in lengths {
            for sample in 0..<samples {
                let name = "records-\(length)-s\(sample)"
                var random = SeededGenerator(seed: seed).derived(name)
                let target = TokenEstimate.characters(forTokens: length)
                let users = (0..<max(4, min(60, target / 3000))).map { "\(Vocabulary.names[$0 % Vocabulary.names.count].lowercased())_\($0 / Vocabulary.names.count + 1)" }
                let lines = try BufferedFileWriter(url: folder.appendingPathComponent(name + ".txt"))
                let gold = try BufferedFileWriter(url: goldFolder.appendingPathComponent(name + ".labels.jsonl"))
                var labelled: [(user: String, month: Int, label: AggregateLabel)] = []
                while lines.bytesWritten < target {
                    let label = random.pick(AggregateLabel.allCases)
                    let text = AggregateLabel.fill(random.pick(label.templates), product: random.pick(AggregateLabel.products),
                                                   feature: random.pick(AggregateLabel.features), time: random.pick(AggregateLabel.times))
                    precondition(AggregateLabel.classify(text) == label, "template breaks the label rule: \(text)")
                    let month = 1 + random.below(12), day = 1 + random.below(28)
                    let record = Record(id: String(format: "r%05d", labelled.count + 1), user: random.pick(users),
                                        date: String(format: "2024-%02d-%02d", month, day), text: text)
                    try lines.write("Date: \(record.date) || User: \(record.user) || Instance: \(record.text)\n")
                    var goldRecord = [String: String]()
                    goldRecord = ["id": record.id, "user": record.user, "date": record.date, "label": label.rawValue]
                    try gold.write(String(decoding: try encoder.encode(goldRecord), as: UTF8.self) + "\n")
                    labelled.append((record.user, month, label))
                }
                try lines.close()
                try gold.close()
                var questions = AggregateQuestions(records: labelled, random: random.derived("questions"))
                for (index, question) in questions.make().enumerated() {
                    tasks.append(BenchTask(
                        id: "aggregate-\(name)-q\(index)", suite: .aggregate, variant: question.variant,
                        contextTokens: length, question: AggregateQuestions.preamble + " " + question.text,
                        answers: [question.answer], scorer: question.scorer,
                        corpus: "aggregate/\(name).txt", corpusFormat: .text))
                }
            }
        }
        return tasks
    }
}
