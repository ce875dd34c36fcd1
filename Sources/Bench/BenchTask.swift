/// One benchmark task: a question about a corpus input, its gold answers and how to score.
///
/// A task file is JSON Lines, one `BenchTask` per line, with snake_case keys:
/// `{"id","suite","variant","context_tokens","depth","question","answers","scorer","corpus","corpus_format"}`.
/// `corpus` is a path relative to the task file's folder; many tasks may share one corpus input.
public struct BenchTask: Codable, Sendable, Hashable {
    /// Unique id within the task file, e.g. `niah-single-4096-d050-s0`.
    public var id: String
    /// The generator family.
    public var suite: BenchSuite
    /// The variant within the suite, e.g. `single`, `multikey`, `hops-3`, `count-user`.
    public var variant: String
    /// Approximate corpus length in tokens (4 characters ≈ 1 token, see `TokenEstimate`).
    public var contextTokens: Int
    /// Where the (first) needle sits, 0 = start, 1 = end; nil when not applicable.
    public var depth: Double?
    /// The question put to the agent.
    public var question: String
    /// Gold answers; how they are used depends on `scorer`.
    public var answers: [String]
    /// How a prediction is scored against `answers`.
    public var scorer: BenchScorer
    /// The corpus input, relative to the task file's folder (a file or a directory).
    public var corpus: String
    /// What kind of input `corpus` is.
    public var corpusFormat: CorpusFormat
    /// Byte offsets in `corpus` of the needles that hold the answer, when the generator knows
    /// them (NIAH): a run's evidence recall is the share of them its grounded lines cover.
    public var needleOffsets: [Int]?

    /// Creates a task.
    public init(
        id: String, suite: BenchSuite, variant: String, contextTokens: Int, depth: Double? = nil,
        question: String, answers: [String], scorer: BenchScorer, corpus: String, corpusFormat: CorpusFormat,
        needleOffsets: [Int]? = nil
    ) {
        self.needleOffsets = needleOffsets
        self.id = id
        self.suite = suite
        self.variant = variant
        self.contextTokens = contextTokens
        self.depth = depth
        self.question = question
        self.answers = answers
        self.scorer = scorer
        self.corpus = corpus
        self.corpusFormat = corpusFormat
    }

    enum CodingKeys: String, CodingKey {
        case id, suite, variant, depth, question, answers, scorer, corpus
        case contextTokens = "context_tokens"
        case corpusFormat = "corpus_format"
        case needleOffsets = "needle_offsets"
    }
}

/// The task generator families.
public enum BenchSuite: String, Codable, Sendable, Hashable, CaseIterable {
    /// Needle in a haystack (RULER-style).
    case niah
    /// Needle threading: follow key → key → … → value.
    case threading
    /// OOLONG-style aggregation over labelled records.
    case aggregate
    /// Questions about a local source tree.
    case codeqa
}

/// The kind of corpus input a task points at.
public enum CorpusFormat: String, Codable, Sendable, Hashable, CaseIterable {
    /// One long text file.
    case text
    /// A JSON Lines file, one document per line.
    case jsonl
    /// A directory tree.
    case directory
}
