import Foundation

/// The state of one program while it runs: variables, the output stack, scratch writes and
/// the answer. Created per `ShellSession.run`, used by one task only.
final class Execution {
    let sandbox: Sandbox
    let limits: ShellLimits
    let subcalls: (any SubCallHandler)?
    let budget: (any BudgetReporter)?
    /// The session's persistent Python interpreter.
    let python: PythonRepl
    var variables: [String: String]
    var lastStatus: Int32
    /// What the caller will see (stdout of the top level and every stderr).
    var output: OutputBuffer
    /// Captures for pipes, `$( … )` and redirections; stdout goes to the innermost one.
    var captures: [[UInt8]] = []
    var captureOverflow = false
    /// Captures that are pipes into a process stage of a pipeline, by capture depth: what is
    /// written there goes straight into the process's standard input.
    var feeds: [Int: PipeFeed] = [:]
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
        self.python = session.python
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
        if let feed = feeds[captures.count] { feed.write(bytes); return }
        let room = limits.maxStreamBytes - captures[captures.count - 1].count
        if bytes.count > room { captureOverflow = true }
        captures[captures.count - 1].append(contentsOf: bytes.prefix(max(0, room)))
    }

    /// Whether standard output written now leaves at once (to the caller, or into a process
    /// stage's pipe), so a command producing a lot should write it in pieces (`CommandIO.emit`).
    var streamsOutput: Bool { captures.isEmpty || feeds[captures.count] != nil }

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
/// It holds bytes, or reads them from a `ByteStream` as they arrive (a process stage before it in
/// a pipeline): a command then waits for what it takes, and `head` or `read` take only a prefix.
final class InputCursor {
    private var bytes: [UInt8]
    private var offset = 0
    private var source: ByteStream?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    init(streaming source: ByteStream) {
        bytes = []
        self.source = source
    }

    /// Appends what arrived next from the stream, blocking the thread until it comes (the
    /// fallback for synchronous readers; pipelines `fill` first); false at the end.
    private func pull() -> Bool {
        guard let source else { return false }
        guard let chunks = source.nextBlocking() else {
            self.source = nil
            return false
        }
        for chunk in chunks { bytes.append(contentsOf: chunk) }
        return true
    }

    /// Appends what arrives next from the stream, suspending (not blocking) until it comes;
    /// false at the end.
    func fill() async -> Bool {
        guard let source else { return false }
        guard let chunks = await source.next() else {
            self.source = nil
            return false
        }
        for chunk in chunks { bytes.append(contentsOf: chunk) }
        return true
    }

    /// Awaits the whole stream, so synchronous takes never wait.
    func fillAll() async { while await fill() {} }

    /// Awaits `count` whole lines past the offset (or the end).
    func fillLines(_ count: Int) async {
        guard source != nil else { return }
        var scanned = offset
        var found = 0
        while true {
            while found < count, scanned < bytes.count, let end = bytes[scanned...].firstIndex(of: 10) {
                found += 1
                scanned = end + 1
            }
            if found >= count { return }
            scanned = bytes.count
            guard await fill() else { return }
        }
    }

    /// Awaits `count` bytes past the offset (or the end).
    func fillBytes(_ count: Int) async {
        while bytes.count - offset < count, await fill() {}
    }

    /// Drops what was consumed once it is most of the buffer (only between takes, so the
    /// indices a take works with stay valid).
    private func compact() {
        guard source != nil, offset > 0, offset >= bytes.count / 2 else { return }
        bytes.removeFirst(offset)
        offset = 0
    }

    /// What is left, consuming it (waiting for the end of a stream).
    func takeAll() -> [UInt8] {
        while pull() {}
        defer { bytes = []; offset = 0 }
        return offset == 0 ? bytes : Array(bytes[offset...])
    }

    /// The next line without its newline, or nil at the end.
    func takeLine() -> [UInt8]? {
        compact()
        guard let end = lineEnd(from: offset) ?? (offset < bytes.count ? bytes.count : nil) else { return nil }
        defer { offset = min(bytes.count, end + 1) }
        return Array(bytes[offset..<end])
    }

    /// The first `count` lines (with their newlines; the last may lack one), consuming them.
    func takeLines(_ count: Int) -> [UInt8] {
        compact()
        let start = offset
        var end = offset
        for _ in 0..<max(0, count) {
            guard let found = lineEnd(from: end) else { end = bytes.count; break }
            end = found + 1
        }
        defer { offset = end }
        return Array(bytes[start..<end])
    }

    /// The next `count` bytes (fewer at the end), consuming them.
    func takeBytes(_ count: Int) -> [UInt8] {
        compact()
        while bytes.count - offset < count && pull() {}
        let end = offset + min(max(0, count), bytes.count - offset)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    /// Whether bytes still arrive from a process as they are taken.
    var isStreaming: Bool { source != nil }

    /// The index of the next newline at or after `start`, pulling from the stream until one
    /// comes; nil when the input ends first (what is left is then all in `bytes`).
    private func lineEnd(from start: Int) -> Int? {
        var from = start
        while true {
            if from < bytes.count, let found = bytes[from...].firstIndex(of: 10) { return found }
            from = max(from, bytes.count)
            guard pull() else { return nil }
        }
    }
}
