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

    init(input: InputCursor) { self.input = input }

    mutating func print(_ text: String) { stdout.append(contentsOf: text.utf8) }
    mutating func error(_ text: String) { stderr.append(contentsOf: text.utf8) }
}

/// A builtin command: gets the execution, its arguments (without the name) and its streams;
/// returns the exit status.
typealias Builtin = @Sendable (Execution, [String], inout CommandIO) async -> Int32
