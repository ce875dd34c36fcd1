/// The streams of one builtin invocation: all of standard input, and what it writes.
struct CommandIO {
    var stdin: [UInt8]
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []

    mutating func print(_ text: String) { stdout.append(contentsOf: text.utf8) }
    mutating func error(_ text: String) { stderr.append(contentsOf: text.utf8) }
}

/// A builtin command: gets the execution, its arguments (without the name) and its streams;
/// returns the exit status.
typealias Builtin = @Sendable (Execution, [String], inout CommandIO) async -> Int32
