import ArgumentParser
import Foundation
import Recursion

/// `fsctx log`: lists the runs recorded in a corpus repository.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List the runs of a corpus repository (id, strategy, model, status, steps, tokens, cost, time).",
        discussion: "With --tool, --exit, --agent, --kind or --outside it lists the matching steps of every run instead; --since keeps recent runs.")

    @Argument(help: "The corpus repository.")
    var repo: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @OptionGroup var filters: StepFilterOptions

    func run() throws {
        do {
            let catalog = try RunCatalog(repositoryAt: URL(fileURLWithPath: repo))
            let filter = try filters.filter()
            if filter.filtersSteps {
                let matches = try catalog.findSteps(filter)
                print(json ? JSONOutput.text(matches) : RunFormatter.stepTable(matches), terminator: json ? "\n" : "")
                return
            }
            let runs = try catalog.list().filter { run in filter.since.map { run.startedAt >= $0 } ?? true }
            print(json ? JSONOutput.text(runs) : RunFormatter.logTable(runs), terminator: json ? "\n" : "")
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
    }
}
