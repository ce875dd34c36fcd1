import ArgumentParser
import Bench
import Foundation
import Recursion

/// `fsctx bench`: generate task files, run sweeps, merge shard outputs.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark tasks: generate them, sweep strategies × models over them, merge shard results.",
        discussion: """
        fsctx bench generate niah --out bench/niah --lengths 4k,8k,16k --depths 0,0.5,1
        fsctx bench bench/niah/tasks.jsonl --strategies rlm,agent --models offline --shard 0/4 --out r0.jsonl
        fsctx bench merge r0.jsonl r1.jsonl r2.jsonl r3.jsonl --out results.jsonl
        Then: fsctx compare --results results.jsonl, fsctx report results.jsonl --html report.html
        """,
        subcommands: [BenchRunCommand.self, BenchGenerateCommand.self, BenchMergeCommand.self, BenchSlurmCommand.self],
        defaultSubcommand: BenchRunCommand.self
    )
}

/// `fsctx bench <tasks.jsonl> …`: the sweep itself.
struct BenchRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every task × strategy × model (one shard of it) and append JSONL result rows.",
        discussion: """
        Resumable: runs already in --out are skipped. Shards are numbered from 0: --shard i/n runs \
        the grid cells k with k mod n = i, so n jobs with i = 0…n-1 cover the grid exactly once; \
        join their outputs with `fsctx bench merge`. Every run is recorded in its corpus repository \
        (under --cache), so `fsctx show <repo> <run>` works on any row.
        """
    )

    @Argument(help: "The task file (JSONL) written by `fsctx bench generate`.")
    var tasks: String
    @Option(help: "Strategies, comma-separated or repeated (direct, rag, agent, rlm, srlm, coa).")
    var strategies: [String] = []
    @Option(help: "Models, comma-separated or repeated (e.g. offline).")
    var models: [String] = []
    @Option(help: "Runs at once.")
    var concurrency: Int = 1
    @Option(help: "Run one shard of the grid: i/n with 0 ≤ i < n.")
    var shard: String = "0/1"
    @Option(help: "The result file (JSONL), appended to.")
    var out: String = "results.jsonl"
    @Flag(help: "Re-run cells whose row in --out is a failure.")
    var retryFailed = false
    @Option(help: "Where materialized corpus repositories are kept (default: <out>.corpora next to --out).")
    var cache: String?
    @OptionGroup var budget: BudgetOptions
    @OptionGroup var strategyFlags: StrategyFlags
    @OptionGroup var modelCall: ModelCallOptions
    @OptionGroup var modelFlags: RunModelFlags
    @OptionGroup(title: "Slurm") var slurm: SlurmOptions

    func run() async throws {
        let settings = try modelFlags.settings(contextWindow: nil)
        do {
            let shard = try BenchShard(parsing: shard)
            let taskFile = try BenchTaskFile(contentsOf: URL(fileURLWithPath: tasks))
            let output = URL(fileURLWithPath: out)
            guard !BenchCLI.names(strategies).isEmpty, !BenchCLI.names(models).isEmpty, concurrency >= 1 else {
                throw BenchError(.badInput, "give --strategies and --models (e.g. --strategies rlm,agent --models offline) and --concurrency ≥ 1")
            }
            if try slurm.submitIfAsked() { return }
            let runner = BenchRunner(
                executor: RecursionTaskExecutor(budget: budget.budget, options: strategyFlags.options,
                                                configuration: try modelCall.configuration(), settings: settings),
                strategies: BenchCLI.names(strategies),
                models: BenchCLI.names(models), concurrency: concurrency, shard: shard, retryFailed: retryFailed,
                cacheDirectory: URL(fileURLWithPath: cache ?? out + ".corpora"))
            let printer = BenchProgressPrinter(terminal: isatty(2) == 1) { FileHandle.standardError.write(Data($0.utf8)) }
            let final = try await runner.run(taskFile: taskFile, output: output) { printer.report($0) }
            printer.finish()
            print("\(final.completed) runs written to \(out) (\(final.failed) failed, \(final.skipped) already there)")
            let reselected = BenchReselection.rowsFile(for: output)
            if try BenchReselection(results: BenchResultSet(contentsOf: [output]).rows).write(to: reselected) {
                print("SRLM re-selection (every rule, every K' ≤ K) written to \(reselected.path)")
            }
        } catch {
            throw BenchCLI.fail("bench", error)
        }
    }
}

/// `fsctx bench merge`: join shard outputs.
struct BenchMergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join result files (e.g. one per shard) into one, one row per task × strategy × model.",
        discussion: "When a run appears in several files, the row read last counts (files are read in the order given)."
    )

    @Argument(help: "Result files to join.")
    var inputs: [String]
    @Option(help: "The merged result file.")
    var out: String
    @Flag(help: "Replace --out if it exists.")
    var force = false

    func run() async throws {
        do {
            let set = try BenchResultSet.merge(inputs.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: out), replacing: force)
            print("merged \(set.rows.count) runs from \(inputs.count) files into \(out) (\(set.rowsRead) rows read, \(set.duplicates) duplicates, \(set.conflicts) conflicts resolved by the last row)")
        } catch {
            throw BenchCLI.fail("bench merge", error)
        }
    }
}
