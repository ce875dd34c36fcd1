import Foundation
import Models

/// The offline model's reading of a conversation: the question, how it is expected to act
/// (an `answer` tool, an `sh` tool, fenced programs, or plain text), and the programs it ran
/// so far paired with their outputs.
struct OfflineTranscript: Sendable {
    /// How the model acts in this conversation.
    enum Mode: Sendable { case answerTool, shTool, fenced, direct }

    /// One program the model ran and what it printed (nil when no output came back yet).
    struct Action: Sendable { var program: String; var output: String }

    let question: String
    let mode: Mode
    let hasShTool: Bool
    /// Whether a function tool named `answer` is offered (then the final answer goes through it).
    let hasAnswerTool: Bool
    let actions: [Action]
    /// All text of the user messages (the context in direct mode).
    let promptText: String

    init(_ request: ModelRequest) {
        let firstUser = request.messages.first { $0.role == .user }?.content ?? ""
        question = Self.question(in: firstUser)
        hasShTool = request.tool(named: "sh") != nil
        hasAnswerTool = request.tool(named: "answer") != nil
        let system = request.messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n")
        if hasShTool { mode = .shTool }
        else if request.tool(named: "answer") != nil { mode = .answerTool }
        else if system.lowercased().contains("fenced") || system.contains("```") { mode = .fenced }
        else { mode = .direct }
        promptText = request.messages.filter { $0.role == .user }.map(\.content).joined(separator: "\n")
        actions = Self.actions(in: request.messages, fenced: mode == .fenced)
    }

    /// The question: from the last line of `text` that starts with `Question:` up to the next
    /// blank line; otherwise the whole text.
    static func question(in text: String) -> String {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.lastIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("question:") }) else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var picked: [String] = []
        for line in lines[start...] {
            if !picked.isEmpty && line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            picked.append(line)
        }
        let joined = picked.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return String(joined.dropFirst("question:".count)).trimmingCharacters(in: .whitespaces)
    }

    private static func actions(in messages: [ChatMessage], fenced: Bool) -> [Action] {
        var actions: [Action] = []
        for (index, message) in messages.enumerated() where message.role == .assistant {
            if fenced {
                guard let program = fencedProgram(in: message.content) else { continue }
                let reply = messages[(index + 1)...].first { $0.role == .user }?.content ?? ""
                actions.append(Action(program: program, output: reply))
            } else {
                for call in message.toolCalls where call.name == "sh" {
                    guard let program = call.stringArgument("program") else { continue }
                    let output = messages.first { $0.role == .tool && $0.toolCallID == call.id }?.content ?? ""
                    actions.append(Action(program: program, output: output))
                }
            }
        }
        return actions
    }

    /// The body of the first ```sh (or ```bash, or bare ```) block in `text`.
    static func fencedProgram(in text: String) -> String? {
        guard let open = text.range(of: "```") else { return nil }
        guard let lineEnd = text[open.upperBound...].firstIndex(of: "\n") else { return nil }
        guard let close = text[lineEnd...].range(of: "```") else { return nil }
        return String(text[text.index(after: lineEnd)..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
