import ArgumentParser
import Foundation
import Models

/// `fsctx model`: sends one prompt to a model spec and prints the reply, then usage and cost
/// on stderr — to check a key, a base URL or a local server before a long run.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Send one prompt to a model (check a key, base URL or local server); prints the reply, usage and cost.",
        discussion: """
        Examples:
          fsctx model 'Context: the code for Zorbia is: ZB-77.\\nQuestion: What is the code for Zorbia?'
          OPENAI_BASE_URL=http://localhost:11434/v1 fsctx model --model openai:llama3.1:8b 'Say hi'
          fsctx model --model anthropic:claude-haiku-4-5 --json 'Say hi'
        """)

    @OptionGroup var model: ModelOptions

    @Option(help: "A system message.")
    var system: String?

    @Option(help: "Upper bound on completion tokens (sent as max_tokens).")
    var maxTokens: Int = 512

    @Flag(help: "Print what is assumed about the model (context window and where it comes from, tokenizer, prices) and exit.")
    var info = false

    @Flag(help: "Print the whole response as JSON.")
    var json = false

    @Argument(help: "The prompt; read from stdin when left out.")
    var prompt: String?

    func run() async throws {
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1") }
        if info { return try await printInfo() }
        let text = prompt ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("the prompt is empty; pass it as an argument or on stdin")
        }
        let languageModel = try model.makeModel()
        var messages: [ChatMessage] = system.map { [.system($0)] } ?? []
        messages.append(.user(text.replacingOccurrences(of: "\\n", with: "\n")))
        do {
            let response = try await languageModel.complete(ModelRequest(messages: messages, maxTokens: maxTokens))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(response), as: UTF8.self))
            } else {
                print(response.text)
                for call in response.toolCalls { print("[tool call] \(call.name) \(call.argumentsText)") }
            }
            let usage = response.usage
            let line = "\(languageModel.name): \(usage.promptTokens) in / \(usage.completionTokens) out tokens"
                + (usage.reasoningTokens > 0 ? " (\(usage.reasoningTokens) reasoning)" : "")
                + ", cost \(usage.costDescription), \(String(format: "%.2f", response.latencySeconds)) s, finish \(response.finishReason.rawValue)\n"
            fflush(nil)  // the reply first, then the usage line, also when both go to one terminal or file
            FileHandle.standardError.write(Data(line.utf8))
            let empty = response.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && response.toolCalls.isEmpty
            if empty {
                FileHandle.standardError.write(Data("fsctx model: warning: the reply is empty (finish \(response.finishReason.rawValue)); check the model name and, for a base model, its chat template\n".utf8))
            } else if response.finishReason == .length {
                FileHandle.standardError.write(Data("fsctx model: warning: the reply was cut at --max-tokens \(maxTokens)\n".utf8))
            }
        } catch let error as ModelError {
            FileHandle.standardError.write(Data("fsctx model: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// `--info`: the context window assumed (and why), the tokenizer, the price.
    private func printInfo() async throws {
        let languageModel = try model.makeModel()
        let bare = String(model.spec.drop { $0 != ":" }.dropFirst())
        let window = languageModel.contextWindowTokens
        let source = model.call.contextWindow != nil ? "--context-window"
            : ContextWindows.tokens(for: bare) != nil ? "known window of \(bare)"
            : model.spec.hasPrefix("offline") ? "the offline model" : "default for unknown models (set --context-window)"
        let probe = ModelRequest(messages: [.user("How many tokens is this sentence?")])
        let counted = await languageModel.countPromptTokens(probe)
        let tokenizer = counted.map { "the server's (/tokenize): \($0) tokens for a 33-byte probe" }
            ?? "none on the server; requests are estimated at about 4 bytes per token"
        let prices = try model.configuration().prices
        let price = prices.price(for: bare).map { "$\($0.inputPerMillion) in / $\($0.outputPerMillion) out per million tokens" }
            ?? (model.spec.hasPrefix("offline") ? "$0 (offline)" : "unknown (add it with --prices)")
        print("""
        model:          \(languageModel.name)
        context window: \(window) tokens (\(source))
        tokenizer:      \(tokenizer)
        price:          \(price)
        max tokens:     \(maxTokens) per reply (--max-tokens)
        """)
    }
}
