import ArgumentParser
import Foundation
import Recursion

/// `fsctx diff`: two runs' steps aligned, the first divergence and what differs after it.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two runs step by step: aligned steps, the first divergence, differing programs, outputs, answers, tokens.")

    @Argument(help: "The corpus repository.")
    var repo: String

    @Argument(help: "Run A.")
    var runA: String

    @Argument(help: "Run B.")
    var runB: String

    @Flag(name: .long, help: "Print JSON (every aligned pair).")
    var json = false

    func run() throws {
        do {
            let diff = try RunDiff.compare(RunCatalog(repositoryAt: URL(fileURLWithPath: repo)), runA, runB)
            print(json ? JSONOutput.text(diff) : diff.text(), terminator: json ? "\n" : "")
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
    }
}
