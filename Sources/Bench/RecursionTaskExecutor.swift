import FSContext
import Foundation
import Models
import OfflineBaseline
import Recursion

/// The `TaskExecutor` that runs real strategies: it materializes each corpus input once into a
/// corpus repository (reusing one already in the cache folder) and answers each task with
/// `Runner.run`, recording every run in that repository.
public struct RecursionTaskExecutor: TaskExecutor {
    /// The budgets of every run.
    public var budget: RunBudget
    /// Strategy options of every run (candidates, top-k…).
    public var options: StrategyOptions
    /// Model configuration (environment, keys, prices) for the model specs.
    public var configuration: ModelConfiguration
    /// How every run talks to its models (reply limits, compaction, sub-model, stuck
    /// detection); a nil context window means each model's own.
    public var settings: RunModelSettings
    private let models = ModelCache()

    /// Creates an executor.
    public init(budget: RunBudget = RunBudget(), options: StrategyOptions = StrategyOptions(),
                configuration: ModelConfiguration = ModelConfiguration(environment: ProcessInfo.processInfo.environment),
                settings: RunModelSettings = RunModelSettings()) {
        self.budget = budget
        self.options = options
        self.configuration = configuration
        self.settings = settings
    }

    public func materialize(_ input: BenchCorpusInput) async throws -> BenchMaterializedCorpus {
        let target = input.cacheDirectory
        if let existing = try? CorpusRepository.open(at: target) {
            return BenchMaterializedCorpus(repository: target.path, commit: existing.corpusCommit.hex)
        }
        var materializeOptions = MaterializeOptions(inputs: [input.url.path])
        materializeOptions.layout = switch input.format {
        case .text: .chunks
        case .jsonl: .documents
        case .directory: .mirror
        }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = try Materializer(materializeOptions).run(into: target)
        return BenchMaterializedCorpus(repository: target.path, commit: result.commit.hex)
    }

    public func execute(_ task: BenchTask, corpus: BenchMaterializedCorpus, strategy: String, model: String) async throws
        -> BenchExecution
    {
        guard let kind = StrategyKind(rawValue: strategy) else {
            throw BenchError(.badInput, "unknown strategy '\(strategy)': use \(StrategyKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let languageModel = try models.model(for: model, configuration: configuration)
        let subModel = try settings.subModel.map { try models.model(for: $0, configuration: configuration) }
        var settings = settings
        settings.contextWindow = settings.contextWindow ?? languageModel.contextWindowTokens
        let outcome = try await Runner.run(
            corpusAt: URL(fileURLWithPath: corpus.repository),
            request: RunRequest(question: task.question, strategy: kind, model: model, budget: budget, options: options,
                                settings: settings),
            models: ModelProviders.live(languageModel, subModel: subModel))
        var execution = BenchExecution(
            answer: outcome.answer, tokens: outcome.usage.totalTokens, cost: outcome.usage.costUSD, steps: outcome.steps,
            depth: outcome.depth, runId: outcome.runID, stopReason: outcome.stopReason.rawValue, confidence: outcome.confidence,
            candidates: outcome.selection.map(BenchCandidate.from))
        execution.subcalls = outcome.subcalls
        execution.evidenceRecall = Self.evidenceRecall(needles: task.needleOffsets, evidence: outcome.evidence)
        return execution
    }
}

extension RecursionTaskExecutor {
    /// The share of needle byte offsets that fall inside the source byte range of some
    /// evidence line; nil when either is unknown.
    static func evidenceRecall(needles: [Int]?, evidence: [AnswerEvidence]?) -> Double? {
        guard let needles, !needles.isEmpty, let evidence else { return nil }
        let ranges = evidence.compactMap(\.sourceBytes).filter { $0.count == 2 }
        let covered = needles.filter { offset in ranges.contains { $0[0] <= offset && offset < $0[1] } }.count
        return Double(covered) / Double(needles.count)
    }
}

/// One model instance per spec, shared by the runs of a sweep.
final class ModelCache: @unchecked Sendable {
    private let lock = NSLock()
    private var models: [String: any LanguageModel] = [:]

    func model(for spec: String, configuration: ModelConfiguration) throws -> any LanguageModel {
        try lock.withLock {
            if let model = models[spec] { return model }
            let model = try ModelMaker.make(spec, configuration: configuration)
            models[spec] = model
            return model
        }
    }
}
