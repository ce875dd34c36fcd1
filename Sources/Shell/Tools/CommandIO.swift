/// The streams of one builtin invocation: standard input, and what it writes.
struct CommandIO {
    /// Standard input, consumed only when a command reads it (so `echo` in a `while read`
    /// loop leaves the rest of the input to the next `read`).
    let input: InputCursor
    private var taken: [UInt8]?
    var stdin: [UInt8] {
        mutating get {
            if let taken { return taken }
            let bytes = input.takeAll()
            taken = bytes
            return bytes
        }
    }
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []

    /// The execution, for commands that stream their output (`emit`).
    let execution: Execution?

    init(input: InputCursor, execution: Execution? = nil) {
        self.input = input
        self.execution = execution
    }

    /// Writes output now: straight to the caller (streamed) when nothing captures this
    /// command's output, or into the pipe of the process stage it feeds, else into `stdout` like `print`.
    mutating func emit(_ bytes: [UInt8]) {
        guard let execution, execution.streamsOutput else { stdout.append(contentsOf: bytes); return }
        if !stdout.isEmpty {
            execution.writeOutput(stdout)
            stdout.removeAll()
        }
        execution.writeOutput(bytes)
    }

    mutating func emit(_ text: String) { emit(Array(text.utf8)) }

    mutating func print(_ text: String) { stdout.append(contentsOf: text.utf8) }
    mutating func error(_ text: String) { stderr.append(contentsOf: text.utf8) }
}

/// A builtin command: gets the execution, its arguments (without the name) and its streams;
/// returns the exit status.
typealias Builtin = @Sendable (Execution, [String], inout CommandIO) async -> Int32
