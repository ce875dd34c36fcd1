import FSContext
import Foundation

/// One recorded step of a run, read back from `steps/NNNN.json`.
public struct RunStep: Sendable {
    /// The step number (unique in the run).
    public let number: Int
    /// `model` for a model turn, `program` for a Shell program.
    public let kind: String
    /// The agent that took it (`root`, `root/c2`, `root/llm-1a2b3c4d`…).
    public let agent: String
    /// The whole step record.
    public let record: JSONValue

    /// The program, for a program step.
    public var program: String? { record["program"]?.stringValue }
    /// The output as the model saw it, for a program step.
    public var output: String? { record["output"]?.stringValue }
    /// The exit status, for a program step.
    public var exitStatus: Int? { record["exit_status"]?.intValue }
    /// The model turn number within its agent, for a model step.
    public var turn: Int? { record["turn"]?.intValue }

    /// What the step did, in one line.
    public var headline: String {
        if kind == "model" {
            let response = record["response"]
            let call = response?["toolCalls"]?.arrayValue?.first
            let action: String
            if let call, let name = call["name"]?.stringValue {
                let arguments = call["argumentsText"]?.stringValue ?? ""
                action = name == "sh" ? "sh " + (JSONValue(parsing: arguments)?["program"]?.stringValue ?? arguments) : "\(name) \(arguments)"
            } else {
                action = response?["text"]?.stringValue ?? ""
            }
            let confidence = response?["confidence"]?.numberValue.map { String(format: " (ν %g)", $0) } ?? ""
            return "model turn \(turn ?? 0): " + RunEnvironment.abbreviate(action) + confidence
        }
        if kind == "note" {
            return "\(record["note"]?.stringValue ?? "note"): " + RunEnvironment.abbreviate(record["text"]?.stringValue ?? "")
        }
        let lines = output.map { $0.split(separator: "\n", omittingEmptySubsequences: false).count - ($0.hasSuffix("\n") ? 1 : 0) } ?? 0
        return "$ \(RunEnvironment.abbreviate(program ?? "")) → exit \(exitStatus ?? 0), \(max(0, lines)) line\(lines == 1 ? "" : "s")"
    }
}
