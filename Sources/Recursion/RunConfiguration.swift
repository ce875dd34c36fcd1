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
