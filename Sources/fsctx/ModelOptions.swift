import ArgumentParser
import Foundation
import Models

/// The model flags every command that talks to a model shares.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: "offline (default, no network) | offline:seed=N | openai:<model> | anthropic:<model>.")
    var spec: String = "offline"

    @Option(name: .customLong("base-url"), help: "API base URL (else OPENAI_BASE_URL / ANTHROPIC_BASE_URL).")
    var baseURL: String?

    @Option(name: .customLong("api-key"), help: "API key (else OPENAI_API_KEY / ANTHROPIC_API_KEY). Never recorded.")
    var apiKey: String?

    /// Builds the model from the flags and the environment.
    func make() throws -> any LanguageModel {
        if spec.hasPrefix("replay:") {
            throw ValidationError("replay a run with `fsctx replay <repo> <run>`, not --model replay:…")
        }
        return try ModelFactory.make(spec, configuration: ModelConfiguration(
            baseURL: baseURL, apiKey: apiKey, environment: ProcessInfo.processInfo.environment))
    }
}
