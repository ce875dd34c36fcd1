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

    @Option(name: .long, help: "direct | rag | agent | rlm | srlm | coa.")
    var strategy: String = "agent"

    @OptionGroup var model: ModelOptions

    @OptionGroup var modelFlags: RunModelFlags

    @Option(name: .long, help: "SRLM: number of candidate programs.")
    var candidates: Int = 8

    @Option(name: .customLong("candidate-strategy"), help: "SRLM: what each candidate is, agent or rlm.")
    var candidateStrategy: String = "rlm"

    @Option(name: .customLong("max-steps"), help: "Steps (model turns + programs) per agent.")
    var maxSteps: Int = 40

    @Option(name: .customLong("max-depth"), help: "Deepest sub-call level; at the limit a sub-call is a plain completion.")
    var maxDepth: Int = 2

    @Option(name: .customLong("max-width"), help: "Sub-calls running at once per agent.")
    var maxWidth: Int = 4

    @Option(name: .customLong("max-tokens"), help: "Total tokens for the whole run tree.")
    var maxTokens: Int?

    @Option(name: .customLong("max-usd"), help: "Total dollars for the whole run tree (known costs only).")
    var maxUSD: Double?

    @Option(name: .long, help: "Wall-clock limit in seconds.")
    var timeout: Double?

    @Option(name: .customLong("max-errors"), help: "Consecutive errors before the run gives up.")
    var maxErrors: Int = 4

    @Option(name: .customLong("tool-mode"), help: "functions (tool calling) or fenced (```sh blocks) for models without tools.")
    var toolMode: String = "functions"

    @Option(name: .customLong("top-k"), help: "rag: chunks retrieved.")
    var topK: Int = 8

    @Option(name: .long, help: "Base seed (SRLM candidate i uses seed + i).")
    var seed: Int = 0

    @Option(name: .customLong("run-id"), help: "The run id (default: time-strategy-random).")
    var runID: String?

    @Flag(name: .long, help: "Print the outcome as JSON.")
    var json = false

    func run() async throws {
        guard let kind = StrategyKind(rawValue: strategy) else {
            fail("unknown strategy '\(strategy)': use one of \(StrategyKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let mode = StrategyOptions.ToolMode(rawValue: toolMode) else { fail("--tool-mode must be functions or fenced") }
        let languageModel: any LanguageModel
        let subModel: (any LanguageModel)?
        let settings: RunModelSettings
        if model.spec.hasPrefix("replay:") { fail("replay a run with `fsctx replay <repo> <run>`, not --model replay:…") }
        do {
            languageModel = try model.makeModel()
            subModel = try modelFlags.subModel.map { try model.makeModel(spec: $0) }
            settings = try modelFlags.settings(contextWindow: languageModel.contextWindowTokens)
        } catch let error as ModelError {
            fail(error.message)
        } catch let error as ValidationError {
            fail(error.message)
        }
        let request = RunRequest(
            question: question, strategy: kind, model: model.spec,
            budget: RunBudget(maxSteps: maxSteps, maxDepth: maxDepth, maxWidth: maxWidth, maxTokens: maxTokens,
                              maxUSD: maxUSD, timeoutSeconds: timeout, maxConsecutiveErrors: maxErrors,
                              maxSubcalls: modelFlags.maxSubcalls),
            options: StrategyOptions(candidates: candidates, candidateStrategy: candidateStrategy, topK: topK,
                                     toolMode: mode, seed: seed),
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
            fail(error.message)
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
