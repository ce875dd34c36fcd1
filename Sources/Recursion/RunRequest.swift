/// What `fsctx run` asks for: a question, a strategy, a model spec, budgets and options.
public struct RunRequest: Sendable {
    /// The question to answer.
    public var question: String
    /// The strategy.
    public var strategy: StrategyKind
    /// The model spec (`offline`, `openai:…`, `anthropic:…`, `replay:<run>`), as recorded.
    public var model: String
    /// The budgets.
    public var budget: RunBudget
    /// Strategy options.
    public var options: StrategyOptions
    /// The run id; nil makes a new one.
    public var runID: String?
    /// Reply limits, context window, sub-model, stuck detection.
    public var settings: RunModelSettings

    /// Creates a request.
    public init(question: String, strategy: StrategyKind, model: String, budget: RunBudget = RunBudget(),
                options: StrategyOptions = StrategyOptions(), runID: String? = nil, settings: RunModelSettings = RunModelSettings()) {
        self.settings = settings
        self.question = question
        self.strategy = strategy
        self.model = model
        self.budget = budget
        self.options = options
        self.runID = runID
    }
}
