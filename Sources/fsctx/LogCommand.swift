import ArgumentParser
import Foundation
import Recursion

/// `fsctx log`: lists the runs recorded in a corpus repository.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List the runs of a corpus repository (id, strategy, model, status, steps, tokens, cost, time).")

    @Argument(help: "The corpus repository.")
    var repo: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        do {
            let runs = try RunCatalog(repositoryAt: URL(fileURLWithPath: repo)).list()
            print(json ? JSONOutput.text(runs) : RunFormatter.logTable(runs), terminator: json ? "\n" : "")
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
    }
}
