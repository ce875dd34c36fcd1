import Foundation

/// The state of one program while it runs: variables, the output stack, scratch writes and
/// the answer. Created per `ShellSession.run`, used by one task only.
final class Execution {
    let sandbox: Sandbox
    let limits: ShellLimits
    let subcalls: (any SubCallHandler)?
    let budget: (any BudgetReporter)?
    var variables: [String: String]
    var lastStatus: Int32
    /// What the caller will see (stdout of the top level and every stderr).
    var output: OutputBuffer
    /// Captures for pipes, `$( … )` and redirections; stdout goes to the innermost one.
    var captures: [[UInt8]] = []
    var captureOverflow = false
    var answer: String?
    var answerConfidence: Double?
    var commandsRun: [String] = []
    var writtenScratchPaths: Set<String> = []
    var scratchBytesWritten = 0
    var stderrSuppressed = 0
    /// Set by an expansion error (`$((1/0))`): like bash, the rest of the program is skipped
    /// and its status is 1.
    var aborted = false
    /// The sandboxed processes this program ran.
    var processRuns: [ProcessRun] = []

    init(session: ShellSession, variables: [String: String], lastStatus: Int32) {
        self.sandbox = session.sandbox
        self.limits = session.limits
        self.subcalls = session.subcalls
        self.budget = session.budget
        self.variables = variables
        self.lastStatus = lastStatus
        self.output = OutputBuffer(limit: session.limits.maxOutputBytes)
    }

    /// Parses and runs a program; returns its exit status.
    func run(program: String, stdin: [UInt8]) async -> Int32 {
        switch ShellParser.parse(program) {
        case .failure(let failure):
            writeError("fsctx-sh: \(failure.message)\n")
            return 2
        case .success(let node):
            let status = await execute(node, stdin: InputCursor(stdin))
            if captureOverflow {
                writeError("fsctx-sh: a pipe or $( … ) held more than \(limits.maxStreamBytes) bytes and was cut\n")
            }
            return status
        }
    }

    /// Writes standard output to the innermost capture, or to the caller's output.
    func writeOutput(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if captures.isEmpty { output.append(bytes); return }
        let room = limits.maxStreamBytes - captures[captures.count - 1].count
        if bytes.count > room { captureOverflow = true }
        captures[captures.count - 1].append(contentsOf: bytes.prefix(max(0, room)))
    }

    /// Writes standard error: always straight to the caller's output.
    func writeError(_ text: String) { writeError(Array(text.utf8)) }
    func writeError(_ bytes: [UInt8]) { if stderrSuppressed == 0 { output.append(bytes) } }

    /// Runs `body` with standard output captured, returning what it wrote and its status.
    func capturing(_ body: () async -> Int32) async -> ([UInt8], Int32) {
        captures.append([])
        let status = await body()
        return (captures.removeLast(), status)
    }

    /// The scratch files this program wrote, by path relative to the scratch area.
    func scratchWrites() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in writtenScratchPaths {
            if let data = FileManager.default.contents(atPath: sandbox.scratch.appendingPathComponent(path).path) {
                files[path] = Array(data)
            }
        }
        return files
    }
}

/// Standard input shared by the commands of a loop or group, so `read` consumes it line by line.
final class InputCursor {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// What is left, consuming it.
    func takeAll() -> [UInt8] {
        defer { offset = bytes.count }
        return offset == 0 ? bytes : Array(bytes[offset...])
    }

    /// The next line without its newline, or nil at the end.
    func takeLine() -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let end = bytes[offset...].firstIndex(of: 10) ?? bytes.count
        defer { offset = min(bytes.count, end + 1) }
        return Array(bytes[offset..<end])
    }
}
