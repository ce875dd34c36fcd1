import FSContext
import Foundation
import Models
import Recursion

/// `fsctx demo`: the workbench end to end on generated tasks. It writes a small NIAH +
/// threading + aggregation suite, materializes each corpus, runs the strategies with one
/// model, and writes the results, the comparison and the HTML report into one folder.
public struct Demo: Sendable {
    /// The folder everything goes into.
    public var directory: URL
    /// The strategies compared.
    public var strategies: [String]
    /// The model spec.
    public var model: String
    /// Runs at once.
    public var concurrency: Int
    /// Strategy options (SRLM's candidates, candidate strategy and temperature…).
    public var options: StrategyOptions
    /// Model configuration (environment, keys, base URLs, timeouts) for the model spec.
    public var configuration: ModelConfiguration
    /// How the runs talk to the model (reply limits, compaction, sub-model, stuck detection).
    public var settings: RunModelSettings

    /// What the demo produced.
    public struct Outcome: Sendable {
        /// The task file.
        public var taskFile: URL
        /// The results (JSONL, one row per run).
        public var results: URL
        /// The HTML report.
        public var report: URL
        /// The comparison table as text.
        public var table: String
        /// One line on whether the strategies answered alike, and what differed (`DemoVerdict`).
        public var verdict: String
        /// One recorded run to look at: its repository and id.
        public var example: (repository: String, runID: String)?
    }

    /// Creates a demo writing into `directory`.
    public init(directory: URL, strategies: [String] = ["direct", "rag", "agent", "rlm", "srlm"], model: String = "offline",
                concurrency: Int = 2, options: StrategyOptions = StrategyOptions(),
                configuration: ModelConfiguration = ModelConfiguration(environment: ProcessInfo.processInfo.environment),
                settings: RunModelSettings = RunModelSettings()) {
        self.directory = directory
        self.strategies = strategies
        self.model = model
        self.concurrency = concurrency
        self.options = options
        self.configuration = configuration
        self.settings = settings
    }

    /// The demo's task suites: needles at three lengths and two depths, a multi-key needle
    /// with distractors, key → key → value threads, and label counts over records.
    static let suites: [(name: String, generator: any BenchGenerator)] = [
        ("niah", NIAHGenerator(variant: .single, haystack: .prose, lengths: [4_096, 16_384, 65_536], depths: [0.25, 0.75], seed: 11)),
        ("niah-multikey", NIAHGenerator(variant: .multikey, valueKind: .uuid, haystack: .prose, lengths: [16_384], seed: 12)),
        ("threading", ThreadingGenerator(hops: 3, chains: 2, lengths: [16_384], seed: 13)),
        ("aggregate", AggregateGenerator(lengths: [8_192], seed: 14)),
    ]

    /// Runs the demo; `say` gets progress lines, drawn in place when `terminal` says the
    /// destination is one (else a line per tenth of the sweep, see `BenchProgressPrinter`).
    public func run(terminal: Bool = false, say: @escaping @Sendable (String) -> Void) async throws -> Outcome {
        try prepareDirectory()
        say("Generating tasks (NIAH, multi-key NIAH, threading, aggregation) in \(directory.path)/tasks …")
        let tasksRoot = directory.appendingPathComponent("tasks")
        var tasks: [BenchTask] = []
        for suite in Self.suites {
            let (_, generated) = try suite.generator.write(to: tasksRoot.appendingPathComponent(suite.name))
            tasks += generated.map { task in
                var task = task
                task.corpus = "\(suite.name)/\(task.corpus)"
                return task
            }
        }
        let taskURL = tasksRoot.appendingPathComponent("tasks.jsonl")
        try BenchTaskFile.write(tasks, to: taskURL)
        say("\(tasks.count) tasks × \(strategies.count) strategies (\(strategies.joined(separator: ", "))) with model \(model)")

        let results = directory.appendingPathComponent("results.jsonl")
        let runner = BenchRunner(
            executor: RecursionTaskExecutor(options: options, configuration: configuration, settings: settings),
            strategies: strategies, models: [model], concurrency: concurrency,
            cacheDirectory: directory.appendingPathComponent("corpora"))
        let printer = BenchProgressPrinter(terminal: terminal, write: say)
        try await runner.run(taskFile: try BenchTaskFile(contentsOf: taskURL), output: results) { printer.report($0) }
        printer.finish()
        let rows = try BenchResultSet(contentsOf: [results]).rows
        let report = directory.appendingPathComponent("report.html")
        try HTMLReport(results: rows, title: "FSContext demo: \(strategies.joined(separator: " vs ")) with \(model)").render()
            .write(to: report, atomically: true, encoding: .utf8)
        // Show an SRLM run that answered: its graph has the candidate branches and the selection.
        let example = rows.first { $0.strategy == "srlm" && $0.score == 1 && $0.runId != nil }
            ?? rows.first { $0.runId != nil }
        return Outcome(
            taskFile: taskURL, results: results, report: report, table: BenchComparison(results: rows).table(),
            verdict: DemoVerdict(results: rows).text,
            example: example.flatMap { row in row.repo.flatMap { repo in row.runId.map { (repo, $0) } } })
    }

    /// Makes `directory` ready: created when missing, replaced when it holds an earlier demo,
    /// refused when it holds anything else.
    func prepareDirectory() throws {
        let fileManager = FileManager.default
        let marker = directory.appendingPathComponent(".fsctx-demo")
        if fileManager.fileExists(atPath: directory.path) {
            let contents = try fileManager.contentsOfDirectory(atPath: directory.path)
            if !contents.isEmpty {
                guard fileManager.fileExists(atPath: marker.path) else {
                    throw BenchError(.badTarget, "\(directory.path) is not empty and holds no earlier demo; pass --out with a new folder")
                }
                // Corpus work trees are read-only: give write bits back before removing.
                let chmod = Process()
                chmod.executableURL = URL(fileURLWithPath: "/bin/chmod")
                chmod.arguments = ["-R", "u+w", directory.path]
                try chmod.run()
                chmod.waitUntilExit()
                try fileManager.removeItem(at: directory)
            }
        }
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("fsctx demo output; `fsctx demo` replaces this folder when run again\n".utf8).write(to: marker)
    }
}
