import ArgumentParser
import Bench
import Foundation

/// `fsctx compare`: runs or bench results side by side.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare results by strategy × model × context length: accuracy, tokens, cost, time, steps.",
        discussion: """
        fsctx compare --results results.jsonl [--json]
        Context lengths are bucketed to powers of two; cost is "?" when any run in a group has no known cost.
        The form `fsctx compare <repo> <run>…` (recorded runs) is not implemented yet: it needs the Recursion layer's run records.
        """
    )

    @Argument(help: "A corpus repository and run ids (not implemented yet).")
    var runs: [String] = []
    @Option(help: "Result files (JSONL) to compare; repeatable.")
    var results: [String] = []
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        do {
            guard !results.isEmpty else {
                if runs.isEmpty { throw BenchError(.badInput, "nothing to compare: pass --results results.jsonl") }
                throw BenchError(.notImplemented, "comparing recorded runs (<repo> <run>…) is not implemented yet (needs the Recursion layer's run records); use --results results.jsonl")
            }
            guard runs.isEmpty else { throw BenchError(.badInput, "pass either --results files or <repo> <run>…, not both") }
            let set = try BenchResultSet(contentsOf: results.map { URL(fileURLWithPath: $0) })
            let comparison = BenchComparison(results: set.rows)
            print(json ? try comparison.json() : comparison.table(), terminator: "")
        } catch {
            throw BenchCLI.fail("compare", error)
        }
    }
}
