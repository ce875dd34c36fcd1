import FSContext
import Foundation

/// What a run was asked to do, as `run.json` records it. Never holds a secret: the model is
/// recorded by its spec (`openai:gpt-4o-mini`), never with a key or a base URL's credentials.
public struct RunConfiguration: Sendable, Codable, Equatable {
    /// The run id.
    public var id: String
    /// The strategy name (`direct`, `rag`, `agent`, `rlm`, `srlm`, `coa`).
    public var strategy: String
    /// The model spec.
    public var model: String
    /// The question.
    public var question: String
    /// The corpus commit the run started on.
    public var corpusCommit: GitOID
    /// The budgets.
    public var budget: RunBudget
    /// Strategy options (candidates, candidate strategy, top-k, tool mode…).
    public var options: StrategyOptions
    /// The fsctx version that made the run.
    public var version: String
    /// When the run started (seconds since 1970).
    public var startedAt: Double
    /// Reply limits, context window, sub-model, stuck detection (nil in runs recorded before them).
    public var modelSettings: RunModelSettings?
    /// `modelSettings`, or the defaults for older runs.
    public var settings: RunModelSettings { modelSettings ?? RunModelSettings() }

    /// Creates a configuration.
    public init(
        id: String, strategy: String, model: String, question: String, corpusCommit: GitOID,
        budget: RunBudget, options: StrategyOptions, version: String = FSContextVersion.current,
        startedAt: Double = Date().timeIntervalSince1970, modelSettings: RunModelSettings? = nil
    ) {
        self.modelSettings = modelSettings
        self.id = id
        self.strategy = strategy
        self.model = model
        self.question = question
        self.corpusCommit = corpusCommit
        self.budget = budget
        self.options = options
        self.version = version
        self.startedAt = startedAt
    }
}

/// Knobs of the strategies that are not budgets.
public struct StrategyOptions: Sendable, Codable, Equatable {
    /// How actions reach the shell: function calls, or fenced ```sh blocks for models
    /// without tool calling.
    public enum ToolMode: String, Sendable, Codable, Equatable, CaseIterable {
        /// Function calling (`sh`, `grep`, `read`, `ls`, `find`, `answer`).
        case functions
        /// One ```sh block per turn; the output comes back as the next user message.
        case fenced
    }

    /// SRLM: how many candidate programs.
    public var candidates: Int
    /// SRLM: what each candidate is (`agent` or `rlm`).
    public var candidateStrategy: String
    /// SRLM: the sampling temperature of candidates (each also gets its own seed).
    public var candidateTemperature: Double
    /// `rag`: how many chunks to retrieve.
    public var topK: Int
    /// `rag`/`coa`: the chunk size in bytes.
    public var chunkBytes: Int
    /// Function calls or fenced blocks.
    public var toolMode: ToolMode
    /// The base seed (candidate i uses seed + i).
    public var seed: Int
    /// The most bytes of output one program returns to the model.
    public var maxOutputBytes: Int

    /// Creates options with the defaults of DESIGN §7.
    public init(
        candidates: Int = 8, candidateStrategy: String = "rlm", candidateTemperature: Double = 0.8,
        topK: Int = 8, chunkBytes: Int = 4_000, toolMode: ToolMode = .functions, seed: Int = 0,
        maxOutputBytes: Int = 12_000
    ) {
        self.candidates = candidates
        self.candidateStrategy = candidateStrategy
        self.candidateTemperature = candidateTemperature
        self.topK = topK
        self.chunkBytes = chunkBytes
        self.toolMode = toolMode
        self.seed = seed
        self.maxOutputBytes = maxOutputBytes
    }
}
