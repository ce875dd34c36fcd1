import FSContext
import Foundation
import Models
import Shell

/// One thing the model asked for in a turn: a function tool call, or a fenced ```sh program.
enum AgentAction {
    case toolCall(ToolCall)
    case program(String)

    /// The actions of a response: its tool calls in function mode, its ```sh blocks in fenced
    /// mode (a model in function mode that writes a fenced block is taken at its word too).
    static func parse(_ response: ModelResponse, mode: StrategyOptions.ToolMode) -> [AgentAction] {
        if !response.toolCalls.isEmpty { return response.toolCalls.map { .toolCall($0) } }
        return fencedPrograms(response.text).map { .program($0) }
    }

    /// The bodies of ```sh / ```bash / ``` blocks in `text`.
    static func fencedPrograms(_ text: String) -> [String] {
        var programs: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed.hasPrefix("```") {
                let language = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased()
                if ["", "sh", "bash", "shell"].contains(language) { current = [] }
            } else if current != nil, trimmed == "```" {
                let body = current!.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if !body.isEmpty { programs.append(body) }
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return programs
    }

    /// What the action asked for, for stuck detection and compaction lines: the program, or the
    /// tool and its arguments without `confidence` (which may change while the action does not).
    var signature: String {
        switch self {
        case .program(let program): return program
        case .toolCall(let call):
            guard var arguments = call.arguments?.objectValue else { return "\(call.name) \(call.argumentsText)" }
            arguments["confidence"] = nil
            if call.name == "sh", let program = arguments["program"]?.stringValue { return program }
            return "\(call.name) \(JSONValue.object(arguments).jsonText)"
        }
    }

    /// Runs the action in the agent's shell; the step is recorded by the session.
    func perform(in session: ShellSession, turn: Int, agent: String) async -> ShellResult {
        var extra: [String: JSONValue] = ["agent": .string(agent), "turn": .number(Double(turn))]
        switch self {
        case .toolCall(let call):
            extra["tool_call"] = ["id": .string(call.id), "name": .string(call.name), "arguments": .string(call.argumentsText)]
            guard let arguments = call.arguments else {
                // Not a crash: the model hears what was wrong and tries again.
                return ShellResult(
                    output: "fsctx: the arguments of \(call.name) are not valid JSON: \(call.argumentsText.prefix(200))\n",
                    exitStatus: 2)
            }
            switch ToolCatalog.program(name: call.name, arguments: arguments) {
            case .success(let program): return await session.run(program, record: extra)
            case .failure(let error): return ShellResult(output: "fsctx-sh: \(error.message)\n", exitStatus: 2)
            }
        case .program(let program):
            return await session.run(program, record: extra)
        }
    }

    /// The message that shows the model what happened.
    func observation(_ output: String, status: Int32, mode: StrategyOptions.ToolMode) -> ChatMessage {
        let text = (output.isEmpty ? "(no output)" : output) + (status == 0 ? "" : "\n[exit status \(status)]")
        switch self {
        case .toolCall(let call): return .tool(callID: call.id, content: text)
        case .program: return .user(text)
        }
    }
}
