import ArgumentParser
import Foundation
import Recursion

/// `fsctx replay`: re-executes a run with its recorded model turns and reports whether it
/// took the same steps to the same answer.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-execute a run with the replay model; report identical, or where it diverged.",
        discussion: "Exit status: 0 identical, 1 diverged, 2 bad input.")

    @Argument(help: "The corpus repository.")
    var repo: String

    @Argument(help: "The run id to replay.")
    var runID: String

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let report: ReplayReport
        do {
            report = try await Replayer.replay(corpusAt: URL(fileURLWithPath: repo), runID: runID)
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
        if !json, report.pinned == true, let commit = report.corpusCommit {
            print("the corpus has moved since the run; replayed on its recorded commit \(commit.prefix(7)) in a temporary work tree")
        }
        if json {
            print(JSONOutput.text(report))
        } else if report.identical {
            print("identical: replay \(report.replayRunID) took the same steps to the same answer (\(report.replayAnswer ?? "none"))")
        } else {
            print("diverged: \(report.divergence ?? "unknown") (replay recorded as \(report.replayRunID))")
        }
        if !report.identical { throw ExitCode(1) }
    }
}
