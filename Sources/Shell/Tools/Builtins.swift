/// The table of builtin commands.
enum Builtins {
    /// Every command name the language knows, sorted, for messages and tool descriptions.
    static let names: [String] = [
        "answer", "cat", "cut", "echo", "find", "grep", "head", "llm", "ls", "nl", "read", "rg", "rlm",
        "sed", "sort", "tail", "tree", "uniq", "wc",
    ]
}
