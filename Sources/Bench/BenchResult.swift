/// One result row of a sweep: one task run with one strategy and one model.
///
/// Result files are JSON Lines with snake_case keys. A row is identified by
/// (`task`, `strategy`, `model`) — see `key`; when a file holds several rows with one key
/// (a retried run), the last one counts.
public struct BenchResult: Codable, Sendable, Hashable {
    /// The task id.
    public var task: String
    /// The task's suite.
    public var suite: BenchSuite
    /// The task's variant.
    public var variant: String
    /// The strategy name (`direct`, `rag`, `agent`, `rlm`, `srlm`, `coa`).
    public var strategy: String
    /// The model name as given to the sweep (e.g. `offline`, `openai:gpt-4o-mini`).
    public var model: String
    /// The task's approximate corpus length in tokens.
    public var contextTokens: Int
    /// The task's needle depth, when it has one.
    public var needleDepth: Double?
    /// Score in 0...1 from the task's scorer.
    public var score: Double
    /// The final answer the strategy gave (nil when the run failed before answering).
    public var answer: String?
    /// Total tokens used (prompt + completion, all sub-calls).
    public var tokens: Int
    /// Cost in US dollars; nil when unknown (no price for the model).
    public var cost: Double?
    /// Wall time in seconds.
    public var seconds: Double
    /// Agent steps taken.
    public var steps: Int
    /// Deepest recursion level reached (0 = no sub-calls).
    public var depth: Int
    /// The run id (`refs/fsctx/runs/<id>`), when the run was recorded.
    public var runId: String?
    /// The corpus repository the run is recorded in.
    public var repo: String?
    /// Why the run stopped (`answered`, `budget`, …), when known.
    public var stopReason: String?
    /// A one-line error when the run failed; the row then scores 0.
    public var error: String?
    /// The verbalized confidence ν stated with the answer, when there was one.
    public var confidence: Double?
    /// SRLM's candidates, when the strategy had them.
    public var candidates: [BenchCandidate]?
    /// `llm`/`rlm` sub-calls made across the run tree.
    public var subcalls: Int?
    /// The share of the task's needles that lines the run saw and grounded its answer in cover
    /// (`AnswerGrounding`); nil when the task does not know its needles or the run was not grounded.
    public var evidenceRecall: Double?

    /// Creates a result row.
    public init(
        task: String, suite: BenchSuite, variant: String, strategy: String, model: String, contextTokens: Int,
        needleDepth: Double? = nil, score: Double, answer: String?, tokens: Int, cost: Double?, seconds: Double,
        steps: Int, depth: Int, runId: String? = nil, repo: String? = nil, stopReason: String? = nil, error: String? = nil
    ) {
        self.task = task
        self.suite = suite
        self.variant = variant
        self.strategy = strategy
        self.model = model
        self.contextTokens = contextTokens
        self.needleDepth = needleDepth
        self.score = score
        self.answer = answer
        self.tokens = tokens
        self.cost = cost
        self.seconds = seconds
        self.steps = steps
        self.depth = depth
        self.runId = runId
        self.repo = repo
        self.stopReason = stopReason
        self.error = error
    }

    /// The identity of a run in a sweep grid.
    public var key: BenchRunKey { BenchRunKey(task: task, strategy: strategy, model: model) }

    /// `strategy/model`, the name of a series in tables and charts.
    public var seriesName: String { "\(strategy)/\(model)" }

    enum CodingKeys: String, CodingKey {
        case task, suite, variant, strategy, model, score, answer, tokens, cost, seconds, steps, depth, repo, error
        case contextTokens = "context_tokens"
        case needleDepth = "needle_depth"
        case runId = "run_id"
        case stopReason = "stop_reason"
        case confidence, candidates, subcalls
        case evidenceRecall = "evidence_recall"
    }

    /// Encodes with snake_case keys; `answer` and `cost` are written even when null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task, forKey: .task)
        try container.encode(suite, forKey: .suite)
        try container.encode(variant, forKey: .variant)
        try container.encode(strategy, forKey: .strategy)
        try container.encode(model, forKey: .model)
        try container.encode(contextTokens, forKey: .contextTokens)
        try container.encodeIfPresent(needleDepth, forKey: .needleDepth)
        try container.encode(score, forKey: .score)
        try container.encode(answer, forKey: .answer)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(cost, forKey: .cost)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(steps, forKey: .steps)
        try container.encode(depth, forKey: .depth)
        try container.encodeIfPresent(runId, forKey: .runId)
        try container.encodeIfPresent(repo, forKey: .repo)
        try container.encodeIfPresent(stopReason, forKey: .stopReason)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encodeIfPresent(confidence, forKey: .confidence)
        try container.encodeIfPresent(candidates, forKey: .candidates)
        try container.encodeIfPresent(subcalls, forKey: .subcalls)
        try container.encodeIfPresent(evidenceRecall, forKey: .evidenceRecall)
    }
}

/// The identity of one cell of a sweep grid: task × strategy × model.
public struct BenchRunKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The task id.
    public var task: String
    /// The strategy name.
    public var strategy: String
    /// The model name.
    public var model: String

    /// Creates a key.
    public init(task: String, strategy: String, model: String) {
        self.task = task
        self.strategy = strategy
        self.model = model
    }

    /// Orders by task, then strategy, then model.
    public static func < (lhs: BenchRunKey, rhs: BenchRunKey) -> Bool {
        (lhs.task, lhs.strategy, lhs.model) < (rhs.task, rhs.strategy, rhs.model)
    }

    /// `task × strategy × model`.
    public var description: String { "\(task) × \(strategy) × \(model)" }
}
