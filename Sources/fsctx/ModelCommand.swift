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

    @Option(help: "Upper bound on completion tokens.")
    var maxTokens: Int?

    @Flag(help: "Print the whole response as JSON.")
    var json = false

    @Argument(help: "The prompt; read from stdin when left out.")
    var prompt: String?

    func run() async throws {
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
        } catch let error as ModelError {
            FileHandle.standardError.write(Data("fsctx model: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}
