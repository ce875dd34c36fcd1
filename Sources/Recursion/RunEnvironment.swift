import FSContext
import Foundation
import Models
import Shell

/// Supplies the model each agent of a run talks to, by agent path (`root`, `root/c3`,
/// `root/c3/llm-1a2b3c`). Live runs hand every agent the same model; a replay hands each
/// agent the turns recorded for it.
public typealias ModelProvider = @Sendable (_ agentPath: String) throws -> any LanguageModel

/// What every agent of one run shares: the corpus, the recorder, the models, the budget
/// and the options. Agents differ by their `AgentScope`.
public final class RunEnvironment: Sendable {
    /// The run's configuration (as `run.json` holds it).
    public let configuration: RunConfiguration
    /// The corpus being worked on.
    public let corpus: RunCorpus
    /// The git recorder of the run.
    public let recorder: RunRecorder
    /// The model for each agent.
    public let models: ModelProvider
    private let counters = RunCounters()

    /// Creates an environment.
    public init(configuration: RunConfiguration, corpus: RunCorpus, recorder: RunRecorder, models: @escaping ModelProvider) {
        self.configuration = configuration
        self.corpus = corpus
        self.recorder = recorder
        self.models = models
    }

    /// The scope of the run's top-level agent.
    public func rootScope() -> AgentScope {
        AgentScope(
            path: "root", branch: recorder.main, ledger: BudgetLedger(budget: configuration.budget),
            seed: configuration.options.seed, temperature: nil)
    }

    /// A new shell session for an agent: same corpus, its own scratch area and branch.
    func makeSession(for scope: AgentScope, subcalls: (any SubCallHandler)?) throws -> ShellSession {
        let scratch = recorder.repository.gitDirectory
            .appendingPathComponent("fsctx/scratch/\(configuration.id)/\(scope.branchName)", isDirectory: true)
        var limits = ShellLimits(maxOutputBytes: configuration.options.maxOutputBytes)
        limits.programs = configuration.programPolicy
        return try ShellSession(
            corpusRoot: corpus.workTree, scratchDirectory: scratch, limits: limits,
            subcalls: subcalls, recorder: recorder, branch: scope.branch, budget: scope.ledger)
    }

    /// Notes that an agent at `depth` ran, for the run's `depth` figure.
    func noteDepth(_ depth: Int) { counters.noteDepth(depth) }

    /// The deepest level reached so far.
    var deepest: Int { counters.deepest }

    /// Remembers the last error, for `answer.json`.
    func noteError(_ message: String) { counters.noteError(message) }

    /// The last error noted.
    var lastError: String? { counters.lastError }

    /// Remembers a warning (an empty reply, a reply cut at max_tokens), for `answer.json`.
    func noteWarning(_ message: String) { counters.noteWarning(message) }

    /// Warnings noted so far (the first 20).
    var warnings: [String] { counters.warnings }

    /// Adds a call's usage to its model's tally (`usage_by_model` in `answer.json`).
    func noteUsage(_ usage: TokenUsage, model: String) { counters.noteUsage(usage, model: model) }

    /// Usage per model name (the run's model and its sub-model).
    var usageByModel: [String: TokenUsage] { counters.usageByModel }

    /// Counts one sub-call against `--max-subcalls`; false when the run tree has used them all.
    func takeSubcall() -> Bool { counters.takeSubcall(limit: configuration.budget.maxSubcalls) }

    /// Counts one recorded step (a model turn or a program).
    func noteStep() { counters.noteStep() }

    /// Counts one `llm`/`rlm` sub-call.
    func noteSubcall() { counters.noteSubcall() }

    /// Sub-calls made so far across all agents.
    var subcallsMade: Int { counters.subcalls }

    /// Steps recorded so far across all agents.
    var stepsTaken: Int { counters.steps }
}

/// Small shared tallies of a run, behind a lock.
final class RunCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var maxDepth = 0
    private var error: String?
    private var stepCount = 0
    private var warningList: [String] = []
    private var byModel: [String: TokenUsage] = [:]
    private var subcallsTaken = 0

    func noteDepth(_ depth: Int) { lock.withLock { maxDepth = max(maxDepth, depth) } }
    var deepest: Int { lock.withLock { maxDepth } }
    func noteError(_ message: String) { lock.withLock { error = message } }
    var lastError: String? { lock.withLock { error } }
    func noteStep() { lock.withLock { stepCount += 1 } }
    var steps: Int { lock.withLock { stepCount } }
    func noteWarning(_ message: String) { lock.withLock { if warningList.count < 20 { warningList.append(message) } } }
    var warnings: [String] { lock.withLock { warningList } }
    func noteUsage(_ usage: TokenUsage, model: String) { lock.withLock { byModel[model, default: .zero] += usage } }
    var usageByModel: [String: TokenUsage] { lock.withLock { byModel } }
    func takeSubcall(limit: Int?) -> Bool {
        lock.withLock {
            if let limit, subcallsTaken >= limit { return false }
            subcallsTaken += 1
            return true
        }
    }
    private var subcallCount = 0
    func noteSubcall() { lock.withLock { subcallCount += 1 } }
    var subcalls: Int { lock.withLock { subcallCount } }
}

/// One agent's place in a run: its path, the branch it records on, its budget ledger, and
/// its sampling seed and temperature.
public struct AgentScope: Sendable {
    /// `root`, `root/c3`, `root/s2`…
    public let path: String
    /// The branch its commits go on.
    public let branch: RunBranch
    /// Its budget (steps its own; tokens, dollars and time shared with the tree).
    public let ledger: BudgetLedger
    /// The seed for its model requests.
    public let seed: Int
    /// Its sampling temperature; nil leaves the provider default.
    public let temperature: Double?

    /// How deep it is (root: 0).
    public var depth: Int { ledger.depth }

    /// Its path as a branch name (`root/c3/s1` → `c3.s1`; the root is `main`).
    public var branchName: String {
        path == "root" ? "main" : path.dropFirst("root/".count).replacingOccurrences(of: "/", with: ".")
    }

    /// A child scope `path/name` on `branch`.
    func child(_ name: String, branch: RunBranch, ledger: BudgetLedger, seed: Int? = nil, temperature: Double? = nil) -> AgentScope {
        AgentScope(path: "\(path)/\(name)", branch: branch, ledger: ledger, seed: seed ?? self.seed,
                   temperature: temperature ?? self.temperature)
    }
}
