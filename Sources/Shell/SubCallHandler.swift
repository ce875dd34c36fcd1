/// Model sub-calls for the `llm` and `rlm` builtins, supplied by the Recursion layer for a run.
///
/// The Shell knows no models: it hands the prompt and the input text to the handler and prints
/// what comes back. The handler enforces depth, width and budget, and throws (with a readable
/// message) when a budget is exhausted; the builtin turns that into a non-zero status.
public protocol SubCallHandler: Sendable {
    /// One completion: `prompt` applied to `input` (files' contents or stdin). Returns the text.
    func llm(prompt: String, input: String) async throws -> String
    /// A recursive sub-agent, one level deeper, with its own tools, answering `question` about
    /// `input`. Returns its answer.
    func rlm(question: String, input: String) async throws -> String
}
