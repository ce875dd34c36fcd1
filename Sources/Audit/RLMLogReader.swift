import FSContext
import SharedValues
import Foundation

/// Reads alexzhang13/rlm's `RLMLogger` JSONL: a `metadata` line, optional `run_context`
/// lines, then one `iteration` line per root turn with its `code_blocks` (code, stdout,
/// stderr, execution time) and the sub-LM calls each block made (`rlm_calls`), which become
/// branches merged back before the block's step.
struct RLMLogReader {
    func read(_ text: String, sources: [String]) -> ImportedSession {
        var session = ImportedSession(format: .rlm, sources: sources)
        let lines = JSONLines(text)
        session.unread = lines.unread
        var events: [ImportedEvent] = []
        var subCalls = 0
        var lastResponse: String?
        for (number, record) in lines.records {
            let time = LogTime.seconds(record["timestamp"])
            session.see(time: time)
            switch record["type"]?.stringValue ?? "" {
            case "metadata":
                session.model = record["root_model"]?.stringValue
                for key in ["max_depth", "max_iterations", "backend", "environment_type", "other_backends"] {
                    if let value = record[key] { session.metadata[key] = value }
                }
            case "run_context":
                let prompt = record["root_prompt"]?.stringValue ?? Self.promptText(record["prompt"])
                if session.question.isEmpty, let prompt, !prompt.isEmpty { session.question = prompt }
            case "iteration":
                let number = number
                if session.question.isEmpty, let prompt = Self.promptText(record["prompt"]) { session.question = prompt }
                let blocks = record["code_blocks"]?.arrayValue ?? []
                let calls = blocks.indices.map { ImportedCall(id: "iteration-\(record["iteration"]?.intValue ?? number)-block-\($0 + 1)",
                                                              name: "repl", input: ["code": blocks[$0]["code"] ?? ""]) }
                let response = record["response"]?.stringValue ?? ""
                lastResponse = response
                events.append(.turn(ImportedTurn(text: response, toolCalls: calls, model: session.model, time: time, line: number)))
                for (block, call) in zip(blocks, calls) {
                    let result = block["result"] ?? [:]
                    for subCall in result["rlm_calls"]?.arrayValue ?? [] {
                        subCalls += 1
                        events.append(.subAgent(Self.subAgent(subCall, name: "rlm-\(subCalls)", line: number), callID: call.id))
                    }
                    let stdout = result["stdout"]?.stringValue ?? "", stderr = result["stderr"]?.stringValue ?? ""
                    events.append(.tool(ImportedToolCall(
                        call: call, output: stdout + (stderr.isEmpty ? "" : (stdout.isEmpty || stdout.hasSuffix("\n") ? "" : "\n") + stderr),
                        isError: !stderr.isEmpty, exitStatus: stderr.isEmpty ? 0 : 1, startedAt: time,
                        durationSeconds: result["execution_time"]?.numberValue, line: number, resultLine: number)))
                }
                if let answer = record["final_answer"], answer != .null {
                    session.answer = answer.stringValue ?? answer.jsonText
                    session.ending = .answered
                }
            default:
                session.unread.note(line: number, text: record.jsonText)
            }
        }
        session.root.events = events
        if session.answer == nil { session.answer = lastResponse }
        return session
    }

    static func subAgent(_ call: JSONValue, name: String, line: Int) -> ImportedAgent {
        var usage = ImportedUsage()
        for (_, summary) in call["usage_summary"]?["model_usage_summaries"]?.objectValue ?? [:] {
            usage += ImportedUsage(promptTokens: summary["total_input_tokens"]?.intValue ?? 0,
                                   completionTokens: summary["total_output_tokens"]?.intValue ?? 0,
                                   calls: summary["total_calls"]?.intValue ?? 0)
        }
        var events: [ImportedEvent] = [.note(ImportedNote(kind: "prompt", text: promptText(call["prompt"]) ?? call["prompt"]?.jsonText ?? "", line: line))]
        var turn = ImportedTurn(text: call["response"]?.stringValue ?? call["response"]?.jsonText ?? "", model: call["root_model"]?.stringValue,
                                usage: usage.calls > 0 || usage.promptTokens > 0 ? usage : nil, line: line)
        if let error = call["error"]?.stringValue { turn.stopReason = "error: \(error)" }
        events.append(.turn(turn))
        return ImportedAgent(name: name, events: events)
    }

    /// A prompt as text: a string, or the last user message of a message list.
    static func promptText(_ value: JSONValue?) -> String? {
        if let text = value?.stringValue { return text }
        if let messages = value?.arrayValue {
            return messages.last { $0["role"]?.stringValue == "user" }?["content"]?.contentText
        }
        return nil
    }
}
