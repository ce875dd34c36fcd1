import ArgumentParser
import Recursion

/// The strategy option flags of every command that runs strategies (`run`, `bench`): the shared
/// knobs and each strategy's own options (`SRLMStrategy.Options`, `RAGStrategy.Options`).
struct StrategyFlags: ParsableArguments {
    @OptionGroup var srlm: SRLMFlags

    @Option(name: .customLong("tool-mode"), help: "functions (tool calling) or fenced (```sh blocks) for models without tools.")
    var toolMode: StrategyOptions.ToolMode = .functions

    @Option(name: .customLong("top-k"), help: "rag: chunks retrieved.")
    var topK: Int = 8

    @Option(name: .long, help: "Base seed (SRLM candidate i uses seed + i).")
    var seed: Int = 0

    @OptionGroup var programs: ProgramOptions

    func validate() throws {
        if let problem = options.problem { throw ValidationError(problem) }
    }

    /// The options these flags describe.
    var options: StrategyOptions {
        var options = StrategyOptions(toolMode: toolMode, seed: seed, allowPrograms: try? programs.list())
        options.srlm = srlm.options
        options.rag.topK = topK
        return options
    }
}
