import Models
import Shell

/// The prompts of the strategies. The user message always ends with a `Question:` line —
/// the convention every model (the offline baseline included) reads the question from.
public enum AgentPrompts {
    /// The system prompt of a file-system agent (`agent`, `rlm`, SRLM candidates).
    static func agentSystem(index: String, subcalls: Bool, toolMode: StrategyOptions.ToolMode, depth: Int) -> String {
        var text = """
        You answer a question about a corpus of text files, using only what the files say.
        The corpus is the current folder (read-only). Work like a careful engineer: search with grep,
        read around the hits with read FILE START END, follow references, then answer.

        The shell: \(shellDescription)
        grep prints path:line:text like GNU grep (-r -n -i -w -F -E -C N -m N -l -c …).
        Write notes only into scratch/ (echo … > scratch/notes.txt).
        """
        if subcalls {
            text += """


            Sub-calls (you are at depth \(depth)): `llm 'instruction' FILES…` asks a language model about the
            files (or stdin) and prints its reply; `llm --each 'instruction' FILES…` does one call per file, in
            parallel; `rlm 'question' FILES…` starts a sub-agent with its own tools, one level deeper, and prints
            its answer. Use them for reading many files or summarising, from loops and pipelines.
            """
        }
        switch toolMode {
        case .functions:
            text += "\n\nAct through the function tools. When you know the answer, call `answer` (or run `answer 'text'` with sh)."
        case .fenced:
            text += "\n\nEach turn, write exactly one program in a fenced block:\n```sh\ngrep -rn 'term' . | head -20\n```\nIts output comes back as the next message. When you know the answer, run `answer 'text'` in a block."
        }
        text += toolMode == .functions
            ? "\nEvery turn, give your confidence (1-100) that your current answer or plan is right: as the `confidence` argument of the tool you call, or as a last line `Confidence: NN`."
            : "\nEnd every message with a line `Confidence: NN` (1-100): how sure you are that your current answer or plan is right."
        text += "\nThe `budget` command prints the steps, tokens, dollars, seconds and sub-call depth you have left."
        text += "\n\n# The corpus (INDEX.md)\n\n" + index
        return text
    }

    private static var shellDescription: String {
        ToolCatalog.tools.first { $0.name == "sh" }?.description ?? "grep, read, ls, find, cat, head, tail, wc"
    }

    /// The first user message of any strategy.
    static func question(_ question: String) -> String { "Question: \(question)" }

    /// The prompt of a plain completion over given text (`direct`, `rag`, `llm` sub-calls, `coa`).
    static func completion(context: String, question: String, contextLabel: String = "Context") -> String {
        "\(contextLabel):\n\n\(context)\n\n"
            + "Answer with the answer only on the first line. Then quote the lines it rests on, each on a line starting "
            + "`Evidence:`, and end with a line `Confidence: NN` (1-100).\n\nQuestion: \(question)"
    }

    /// What the agent hears after a turn with no tool call and no program: why, and what to do.
    static func nudge(_ response: ModelResponse, mode: StrategyOptions.ToolMode, maxTokens: Int?) -> String {
        let empty = response.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        var text = ""
        if response.finishReason == .length {
            text = "Your reply was cut at the limit of \(maxTokens.map(String.init) ?? "its") tokens before any tool call. Be brief: act first, explain little. "
        } else if empty {
            text = "Your reply was empty. "
        }
        text += mode == .functions
            ? "No tool was called. Use the tools to search the corpus, or call `answer` with your final answer."
            : "No ```sh block found. Write one program in a fenced ```sh block, or run `answer 'text'` in one."
        return text
    }

    /// The system prompt of a compaction summary.
    static let summarySystem = "Summarize this part of an agent's work on a question in at most 12 short lines: what it searched, "
        + "what it found (paths, line numbers, exact values), and what is still open. Write only the summary."

    /// The system prompt of a plain completion.
    static let completionSystem = "You answer questions about the text you are given, using only that text. Be brief and exact."

    /// The function tools offered to agents.
    static var tools: [ToolSchema] {
        ToolCatalog.tools.map { ToolSchema(name: $0.name, description: $0.description, parameters: $0.parameters) }
    }
}
