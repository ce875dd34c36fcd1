import ArgumentParser
import FSContext
import Foundation
import Models
import Recursion

/// `fsctx run`: answers a question over a corpus with a strategy and a model, recorded in git.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Answer a question over a corpus with a strategy and a model; every step is a git commit.",
        discussion: """
        Prints the answer on stdout and the run id on stderr. The run is the ref refs/fsctx/runs/<id>:
        inspect it with `fsctx show <repo> <id>` or `git log --graph refs/fsctx/runs/<id>`.
        Exit status: 0 answered, 1 ended without an answer (the stop reason is on stderr), 2 bad input.
        """)

    @Argument(help: "The corpus repository (made by `fsctx materialize`).")
    var repo: String

    @Option(name: .long, help: "The question to answer.")
    var question: String

    @Option(name: .long, help: "The strategy.")
    var strategy: StrategyKind = .agent

    @OptionGroup var model: ModelOptions

    @OptionGroup var budget: BudgetOptions

    @OptionGroup var modelFlags: RunModelFlags

    @OptionGroup var strategyFlags: StrategyFlags

    @Option(name: .customLong("run-id"), help: "The run id (default: time-strategy-random).")
    var runID: String?

    @Flag(name: .long, help: "Print the outcome as JSON.")
    var json = false

    func run() async throws {
        let languageModel: any LanguageModel
        let subModel: (any LanguageModel)?
        let settings: RunModelSettings
        if model.spec.hasPrefix("replay:") { throw ValidationError("replay a run with `fsctx replay <repo> <run>`, not --model replay:…") }
        do {
            languageModel = try model.makeModel()
            subModel = try modelFlags.subModel.map { try model.makeModel(spec: $0) }
            settings = try modelFlags.settings(contextWindow: languageModel.contextWindowTokens)
        } catch let error as ModelError {
            throw ValidationError(error.message)
        } catch let error as ValidationError {
            throw ValidationError(error.message)
        }
        let request = RunRequest(
            question: question, strategy: strategy, model: model.spec, budget: budget.budget, options: strategyFlags.options,
            runID: runID, settings: settings)
        let repoURL = URL(fileURLWithPath: repo)
        let outcome: RunOutcome
        do {
            outcome = try await Interrupts.cancelOnSIGINT {
                try await Runner.run(corpusAt: repoURL, request: request, models: ModelProviders.live(languageModel, subModel: subModel)) { id in
                    FileHandle.standardError.write(Data("run \(id)\n".utf8))
                }
            }
        } catch let error as RecursionError {
            throw ValidationError(error.message)
        }
        if let warnings = outcome.warnings {
            FileHandle.standardError.write(Data("fsctx run: warning: \(warnings.count) repl\(warnings.count == 1 ? "y" : "ies") empty or cut at max_tokens (first: \(warnings[0])); see answer.json\n".utf8))
        }
        if json {
            print(JSONOutput.text(outcome))
        } else if let answer = outcome.answer {
            print(answer)
        }
        if outcome.stopReason != .answered {
            FileHandle.standardError.write(Data("fsctx run: stopped: \(outcome.stopReason.rawValue)\(outcome.error.map { " (\($0))" } ?? "")\n".utf8))
            throw ExitCode(1)
        }
    }
}
