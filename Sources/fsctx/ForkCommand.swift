import ArgumentParser
import Foundation
import Models
import Recursion

/// `fsctx fork`: a run that takes a recorded run's first N steps and goes on live.
struct ForkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fork",
        abstract: "Fork a run at step N: the recorded steps up to N are replayed, then a live model goes on.",
        discussion: """
        The new run's first commit has the original's step-N commit as its parent, so git log --graph shows \
        the fork. It keeps the original's strategy, question, budgets and corpus commit: another strategy \
        would change the prompts, so the recorded turns could not be replayed (not offered).
        """)

    @Argument(help: "The corpus repository.")
    var repo: String

    @Argument(help: "The run id to fork.")
    var runID: String

    @Option(name: .long, help: "Fork after this step (its number in `fsctx show`).")
    var at: Int

    @OptionGroup var model: ModelOptions

    @Option(name: .long, help: "The new run's id.")
    var run: String?

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let live = try model.makeModel()
        let report: ForkReport
        do {
            report = try await Interrupts.cancelOnSIGINT { [repo, runID, at, run, spec = model.spec] in
                try await Forker.fork(corpusAt: URL(fileURLWithPath: repo), runID: runID, atStep: at, model: live, spec: spec, forkID: run)
            }
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
        if json {
            print(JSONOutput.text(report))
        } else {
            print("fork \(report.forkRunID) of \(report.originalRunID) at step \(report.step) (parent \(report.parentCommit.prefix(7))): "
                  + "\(report.replayedTurns) recorded turn\(report.replayedTurns == 1 ? "" : "s") replayed, then \(model.spec)")
            print("answer: \(report.outcome.answer ?? "—") (\(report.outcome.stopReason.rawValue), \(report.outcome.steps) steps)")
        }
    }
}
