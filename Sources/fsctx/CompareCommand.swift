import ArgumentParser
import Bench
import Foundation
import Recursion

/// `fsctx compare`: runs or bench results side by side.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare results by strategy × model × context length: accuracy, tokens, cost, time, steps.",
        discussion: """
        fsctx compare --results results.jsonl [--match tokens|seconds|usd] [--budget N] [--json]
        Context lengths are bucketed to powers of two; cost is "?" when any run in a group has no known cost. \
        Accuracy comes with a 95% bootstrap interval; then paired differences between series on the same \
        tasks, SRLM's oracle@K, selection accuracy and AUROC of VC·Len, calibration of ν (reliability \
        table, ECE), and accuracy at an equal per-run budget (--match; --budget fixes it, by default the \
        most the cheapest series spent on a run) with the Pareto front.
        fsctx compare <repo> [<run>…] [--json]
        Recorded runs side by side (all runs of the repository when no run is named): strategy, model, \
        status, answer, steps, depth, tokens, cost, time.
        """
    )

    @Argument(help: "A corpus repository and run ids (all its runs when none is named).")
    var runs: [String] = []
    @Option(help: "Result files (JSONL) to compare; repeatable.")
    var results: [String] = []
    @Option(help: "Equal-budget view: hold tokens, seconds or usd per run equal.")
    var match: BenchSpend = .tokens
    @Option(help: "The per-run budget of the equal-budget view (default: the most the cheapest series spent on a run).")
    var budget: Double?
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        do {
            guard !results.isEmpty else {
                if runs.isEmpty { throw BenchError(.badInput, "nothing to compare: pass --results results.jsonl or <repo> [<run>…]") }
                try compareRuns(repo: runs[0], ids: Array(runs.dropFirst()))
                return
            }
            guard runs.isEmpty else { throw BenchError(.badInput, "pass either --results files or <repo> <run>…, not both") }
            if let budget, !(budget > 0) { throw BenchError(.badInput, "--budget must be a positive number of \(match.rawValue) per run") }
            let set = try BenchResultSet(contentsOf: results.map { URL(fileURLWithPath: $0) })
            let comparison = BenchComparison(results: set.rows)
            let analysis = BenchAnalysis(results: set.rows, match: match, budget: budget)
            if json {
                print(JSONOutput.text(ComparisonJSON(rows: comparison.rows, analysis: analysis)))
            } else {
                print(comparison.table() + analysis.text(), terminator: "")
            }
        } catch {
            throw BenchCLI.fail("compare", error)
        }
    }

    private func compareRuns(repo: String, ids: [String]) throws {
        do {
            let catalog = try RunCatalog(repositoryAt: URL(fileURLWithPath: repo))
            let summaries = ids.isEmpty ? try catalog.list() : try ids.map { try catalog.summary($0) }
            print(json ? JSONOutput.text(summaries) : RunFormatter.logTable(summaries), terminator: json ? "\n" : "")
        } catch let error as RecursionError {
            throw BenchError(.badInput, error.message)
        }
    }
}

extension BenchSpend: ExpressibleByArgument {}

/// `compare --results --json`: the rows and the analysis.
struct ComparisonJSON: Encodable {
    var rows: [BenchComparison.Row]
    var analysis: BenchAnalysis
}
