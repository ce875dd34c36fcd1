/// The table of builtin commands. Every one runs in-process; none spawns a process.
enum Builtins {
    /// The builtins by name.
    static let table: [String: Builtin] = [
        "answer": answer, "budget": budget, "cat": cat, "cut": cut, "echo": echo, "find": find, "grep": grep, "head": head,
        "llm": llm, "ls": ls, "nl": nl, "read": read, "rg": rg, "rlm": rlm, "sed": sed, "sort": sort,
        "tail": tail, "tree": tree, "uniq": uniq, "wc": wc, "true": { _, _, _ in 0 }, "false": { _, _, _ in 1 },
        "test": test, "[": bracket, "printf": printf, "tr": tr, "paste": paste, "seq": seq, "xargs": xargs,
    ]

    /// Every command name the language knows, sorted, for messages and tool descriptions.
    static let names: [String] = table.keys.sorted()
}
