import Foundation

/// What runs a task: supplied by the Recursion layer (its strategies and models), faked in tests.
///
/// The runner calls `materialize` once per distinct corpus input (many tasks share one) and
/// `execute` once per grid cell, possibly concurrently — implementations must be thread-safe.
public protocol TaskExecutor: Sendable {
    /// Turns a corpus input into a corpus repository, for all tasks that use it.
    func materialize(_ input: BenchCorpusInput) async throws -> BenchMaterializedCorpus
    /// Runs one task with one strategy and model on its materialized corpus. Throwing records
    /// a failed row (score 0, the error's description) and the sweep goes on.
    func execute(_ task: BenchTask, corpus: BenchMaterializedCorpus, strategy: String, model: String) async throws -> BenchExecution
}

/// A corpus input as the runner hands it to `TaskExecutor.materialize`.
public struct BenchCorpusInput: Sendable, Hashable {
    /// The input file or directory.
    public var url: URL
    /// Its format.
    public var format: CorpusFormat
    /// Where the runner suggests keeping the repository (under the sweep's cache folder),
    /// stable across runs so a resumed sweep can reuse it.
    public var cacheDirectory: URL

    /// Creates an input.
    public init(url: URL, format: CorpusFormat, cacheDirectory: URL) {
        self.url = url
        self.format = format
        self.cacheDirectory = cacheDirectory
    }
}

/// A materialized corpus: the repository the runs are recorded in.
public struct BenchMaterializedCorpus: Sendable, Hashable {
    /// The corpus repository's path.
    public var repository: String
    /// The corpus commit id, when known.
    public var commit: String?

    /// Creates a value.
    public init(repository: String, commit: String? = nil) {
        self.repository = repository
        self.commit = commit
    }
}

/// What one run produced; the runner scores `answer` with the task's scorer.
public struct BenchExecution: Sendable, Hashable {
    /// The final answer (nil when the run stopped without one).
    public var answer: String?
    /// Total tokens used.
    public var tokens: Int
    /// Cost in dollars; nil when unknown.
    public var cost: Double?
    /// Agent steps.
    public var steps: Int
    /// Deepest recursion level reached.
    public var depth: Int
    /// The run id, when recorded.
    public var runId: String?
    /// Why the run stopped.
    public var stopReason: String?
    /// The ν stated with the answer.
    public var confidence: Double?
    /// SRLM's candidates (their `score` is filled in by the runner).
    public var candidates: [BenchCandidate]?
    /// `llm`/`rlm` sub-calls made.
    public var subcalls: Int?
    /// The share of the task's needles the run's evidence covers (see `BenchResult.evidenceRecall`).
    public var evidenceRecall: Double?

    /// Creates a value.
    public init(answer: String?, tokens: Int, cost: Double?, steps: Int, depth: Int, runId: String? = nil, stopReason: String? = nil,
                confidence: Double? = nil, candidates: [BenchCandidate]? = nil) {
        self.confidence = confidence
        self.candidates = candidates
        self.answer = answer
        self.tokens = tokens
        self.cost = cost
        self.steps = steps
        self.depth = depth
        self.runId = runId
        self.stopReason = stopReason
    }
}
