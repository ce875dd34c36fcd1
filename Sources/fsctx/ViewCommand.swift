import ArgumentParser
import Audit
import Foundation
import Recursion

/// `fsctx view`: one run as a self-contained HTML page.
struct ViewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Write one run as a self-contained HTML page: answer and evidence, SRLM scores, the collapsible tree of agents and steps.")

    @Argument(help: "The corpus repository.")
    var repo: String

    @Argument(help: "The run id (default: the latest run).")
    var runID: String?

    @Option(name: .long, help: "The HTML file to write.")
    var html: String

    func run() throws {
        do {
            let catalog = try RunCatalog(repositoryAt: URL(fileURLWithPath: repo))
            guard let id = try runID ?? catalog.list().last?.id else { throw ValidationError("\(repo) has no runs yet; start one with `fsctx run`") }
            let page = try RunPage(catalog: catalog, runID: id).render()
            do {
                try page.write(to: URL(fileURLWithPath: html), atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write \(html): \(error.localizedDescription)")
            }
            print("wrote \(html) (run \(id))")
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
    }
}
