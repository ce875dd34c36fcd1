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
        fsctx compare --results results.jsonl [--json]
        Context lengths are bucketed to powers of two; cost is "?" when any run in a group has no known cost.
        fsctx compare <repo> [<run>…] [--json]
        Recorded runs side by side (all runs of the repository when no run is named): strategy, model, \
        status, answer, steps, depth, tokens, cost, time.
        """
    )

    @Argument(help: "A corpus repository and run ids (all its runs when none is named).")
    var runs: [String] = []
    @Option(help: "Result files (JSONL) to compare; repeatable.")
    var results: [String] = []
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
            let set = try BenchResultSet(contentsOf: results.map { URL(fileURLWithPath: $0) })
            let comparison = BenchComparison(results: set.rows)
            print(json ? try comparison.json() : comparison.table(), terminator: "")
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
