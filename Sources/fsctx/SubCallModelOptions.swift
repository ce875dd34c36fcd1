import ArgumentParser
import Foundation
import MCPServer
import Models
import Recursion

/// The flags that give `fsctx mcp` (and the server `fsctx launch` starts) a model for sub-calls
/// from the client's `sh` and `python` tools: `--model`, plus the model flags `fsctx run` has
/// (`ModelCallOptions`: base URL, key, timeouts…; `RunModelFlags`: `--sub-model`, reply limits…).
struct SubCallModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: ArgumentHelp(
        "A model for sub-calls from the sh and python tools: openai:<model>, anthropic:<model>, offline.",
        discussion: "With it, sh can run llm, llm --each and rlm, and python llm_query, llm_query_batched and rlm_query, each recorded as a branch of the run; without it the tools do not offer sub-calls."))
    var spec: String?

    @OptionGroup var call: ModelCallOptions

    @OptionGroup var modelFlags: RunModelFlags

    /// The environment variable that carries the sub-call API key from `fsctx launch` to its
    /// `fsctx mcp` server (through the agent), so the key is never an argument; `--api-key` wins.
    static let keyVariable = "FSCTX_SUBCALL_API_KEY"

    /// The sub-call options these flags give with `budget`, or nil without `--model`. A bad
    /// spec, a missing key or a bad flag is a validation error.
    func subCalls(budget: RunBudget) throws -> MCPSubCallOptions? {
        guard let spec else {
            if modelFlags.subModel != nil { throw ValidationError("--sub-model needs --model (the model for sub-calls)") }
            return nil
        }
        if spec.hasPrefix("replay:") { throw ValidationError("--model replay:… cannot serve sub-calls; give openai:<model> or anthropic:<model>") }
        do {
            var configuration = try call.configuration()
            if configuration.apiKey == nil, let key = ProcessInfo.processInfo.environment[Self.keyVariable], !key.isEmpty {
                configuration.apiKey = key
            }
            let model = try ModelFactory.make(spec, configuration: configuration)
            configuration.contextWindow = nil
            let subModel = try modelFlags.subModel.map { sub in
                do { return try ModelFactory.make(sub, configuration: configuration) } catch let error as ModelError {
                    throw ValidationError("--sub-model: " + error.message)
                }
            }
            let settings = try modelFlags.settings(contextWindow: model.contextWindowTokens)
            return MCPSubCallOptions(model: spec, models: ModelProviders.live(model, subModel: subModel), budget: budget, settings: settings)
        } catch let error as ModelError {
            throw ValidationError(error.message)
        }
    }

    /// The arguments that pass these flags on to `fsctx mcp` (never the key; see `apiKey`).
    var serverArguments: [String] {
        guard let spec else { return [] }
        return ["--model", spec] + call.arguments + modelFlags.arguments
    }

    /// The key sub-calls will use: `--api-key`, else the variable of the spec's provider
    /// (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`), else nil.
    var apiKey: String? {
        if let key = call.apiKey, !key.isEmpty { return key }
        let environment = ProcessInfo.processInfo.environment
        let variable: String? = switch try? ModelSpec(parsing: spec ?? "") {
        case .openAI: "OPENAI_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        default: nil
        }
        return variable.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
