import ArgumentParser
import Bench
import Foundation

/// `fsctx report`: an HTML page of bench results.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of bench results (inline SVG charts, nothing fetched).",
        discussion: "fsctx report results.jsonl --html report.html — accuracy vs context length per strategy/model, cost vs accuracy, the comparison table with 95% intervals, paired differences, calibration, SRLM's oracle@K/AUROC, and when the rows have them a reliability diagram, the accuracy-vs-tokens Pareto front, SRLM's VC-vs-Len candidate scatter and depth/sub-calls per strategy; then every run."
    )

    @Argument(help: "Result files (JSONL).")
    var results: [String]
    @Option(help: "The HTML file to write.")
    var html: String
    @Option(help: "The page title.")
    var title: String = "FSContext bench report"

    func run() async throws {
        do {
            let set = try BenchResultSet(contentsOf: results.map { URL(fileURLWithPath: $0) })
            guard !set.rows.isEmpty else { throw BenchError(.badInput, "no result rows in \(results.joined(separator: ", ")); nothing to report") }
            let page = HTMLReport(results: set.rows, title: title).render()
            do { try Data(page.utf8).write(to: URL(fileURLWithPath: html), options: .atomic) } catch {
                throw BenchError(.io, "cannot write \(html): \(error.localizedDescription)")
            }
            print("wrote \(html): \(set.rows.count) runs")
        } catch {
            throw BenchCLI.fail("report", error)
        }
    }
}
