import ArgumentParser
import FSContext
import Foundation
import Recursion

/// `fsctx show`: one run's trajectory, sub-call tree and SRLM scores.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a run: answer, status, the sub-call tree, SRLM scores and every step.")

    @Argument(help: "The corpus repository.")
    var repo: String

    @Argument(help: "The run id (see `fsctx log`).")
    var runID: String

    @Option(name: .long, help: "Print only step N, in full.")
    var step: Int?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .long, help: "Print only the steps that pass --tool/--exit/--agent/--kind/--outside, one a line.")
    var steps = false

    @OptionGroup var filters: StepFilterOptions

    func run() throws {
        do {
            let catalog = try RunCatalog(repositoryAt: URL(fileURLWithPath: repo))
            let filter = try filters.filter()
            let steps = try catalog.steps(runID).filter(filter.matches)
            if self.steps {
                if json {
                    print(JSONValue.array(steps.map(\.record)).prettyJSON, terminator: "")
                } else {
                    for step in steps { print(String(format: "#%-4d ", step.number) + "\(step.agent)  \(step.headline)") }
                }
                return
            }
            if let step {
                guard let found = steps.first(where: { $0.number == step }) else {
                    throw ValidationError("run \(runID) has no step \(step) (it has steps \(steps.first?.number ?? 0)–\(steps.last?.number ?? 0))")
                }
                print(found.record.prettyJSON, terminator: "")
                return
            }
            // Runs of fsctx sh, mcp or launch have no run.json of fsctx run's shape.
            let configuration = try? catalog.configuration(runID)
            let outcome = configuration == nil ? nil : try catalog.outcome(runID)
            let selection = try catalog.selection(runID)
            if json {
                let object: JSONValue = [
                    "run": configuration.map { JSONValue(encodable: $0) } ?? .null, "outcome": outcome.map { JSONValue(encodable: $0) } ?? .null,
                    "steps": .array(steps.map(\.record)), "selection": selection ?? .null,
                ]
                print(object.prettyJSON, terminator: "")
            } else {
                print(RunFormatter.show(runID: runID, configuration: configuration, outcome: outcome, steps: steps, selection: selection), terminator: "")
            }
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
    }
}

extension JSONValue {
    init(encodable value: some Encodable) {
        self = JSONValue(parsing: JSONOutput.text(value)) ?? .null
    }

    var prettyJSON: String { JSONOutput.text(self) + "\n" }
}
