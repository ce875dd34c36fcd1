import ArgumentParser
import Bench
import Recursion
import Foundation

/// `fsctx demo`: the README's main job — generated tasks, every strategy, a comparison table
/// and an HTML report, offline by default.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a small NIAH + threading + aggregation suite, run direct, rag, agent, rlm and srlm on it, compare, report.",
        discussion: """
        Runs with the embedded offline model by default (no API key, no network). Writes the tasks, the \
        corpus repositories (every run recorded in git), results.jsonl and report.html into --out; \
        running it again replaces an earlier demo folder.
        """)

    @Option(help: "The folder for tasks, corpora, results and the report.")
    var out: String = "fsctx-demo"

    @Option(help: "The model spec (offline needs no key).")
    var model: String = "offline"

    @Option(help: "Strategies to compare, comma-separated.")
    var strategies: String = "direct,rag,agent,rlm,srlm"

    @Option(help: "Runs at once.")
    var concurrency: Int = 2

    @OptionGroup var srlm: SRLMFlags

    @OptionGroup var modelCall: ModelCallOptions

    @OptionGroup var programs: ProgramOptions

    @OptionGroup var modelFlags: RunModelFlags

    func run() async throws {
        let list = strategies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !list.isEmpty, concurrency >= 1 else {
            throw ValidationError("give at least one strategy and --concurrency ≥ 1")
        }
        let settings = try modelFlags.settings(contextWindow: nil)
        var options = StrategyOptions(allowPrograms: try programs.list())
        options.srlm = srlm.options
        let started = Date()
        let demo = Demo(directory: URL(fileURLWithPath: out).standardizedFileURL, strategies: list, model: model,
                        concurrency: concurrency, options: options, configuration: try modelCall.configuration(),
                        settings: settings)
        let outcome: Demo.Outcome
        do {
            outcome = try await demo.run(terminal: isatty(2) == 1) { line in FileHandle.standardError.write(Data(line.utf8)) }
        } catch let error as BenchError {
            throw ValidationError(error.message)
        }
        print("\n\(outcome.table)")
        print(outcome.verdict)
        print("results: \(outcome.results.path)")
        print("report:  \(outcome.report.path)  (open it in a browser)")
        if let example = outcome.example {
            print("""

            Look at a run (every step is a git commit):
              fsctx show \(example.repository) \(example.runID)
              git -C \(example.repository) log --graph --oneline refs/fsctx/runs/\(example.runID)
              fsctx log \(example.repository)
            """)
        }
        print(String(format: "\ndemo finished in %.1f s", Date().timeIntervalSince(started)))
    }
}
