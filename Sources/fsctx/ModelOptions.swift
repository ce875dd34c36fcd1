import ArgumentParser
import Foundation
import Models
import OfflineBaseline

/// The model flags of a command that runs one model (`@OptionGroup var model: ModelOptions`): the
/// spec plus the per-call flags every model-running command shares (`ModelCallOptions`).
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: "offline (default), offline:seed=N, openai:<model>, anthropic:<model>, replay:<run-id>.")
    var spec: String = "offline"

    @OptionGroup var call: ModelCallOptions

    /// The parsed spec; a bad spec is a usage error that lists the accepted forms.
    func parsedSpec() throws -> ModelSpec {
        do { return try ModelSpec(parsing: spec) } catch let error as ModelError { throw ValidationError(error.message) }
    }

    /// The factory configuration from these flags and the process environment.
    func configuration(replayTurns: [RecordedTurn]? = nil) throws -> ModelConfiguration {
        try call.configuration(replayTurns: replayTurns)
    }

    /// The model these flags name.
    func makeModel(replayTurns: [RecordedTurn]? = nil) throws -> any LanguageModel {
        try ModelMaker.make(parsedSpec(), configuration: configuration(replayTurns: replayTurns))
    }

    /// The model `spec` names, with these flags' base URL, key, timeouts and streaming, and
    /// its own known context window (`--sub-model`).
    func makeModel(spec: String) throws -> any LanguageModel {
        var configuration = try configuration()
        configuration.contextWindow = nil
        do { return try ModelMaker.make(ModelSpec(parsing: spec), configuration: configuration) } catch let error as ModelError {
            throw ValidationError("--sub-model: " + error.message)
        }
    }
}
