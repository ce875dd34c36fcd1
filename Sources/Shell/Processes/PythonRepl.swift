import CSandboxSpawn
import FSContext
import Foundation

/// One agent's persistent Python interpreter (RLM's REPL), started on first use inside the same
/// bubblewrap sandbox as other programs. Variables persist between steps. `llm_query`,
/// `llm_query_batched`, `rlm_query` and `answer` reach the parent as JSON lines over two
/// inherited pipes (no socket, no network) and go through the session's `SubCallHandler`.
/// Used only from its session's programs, which run one at a time.
final class PythonRepl: @unchecked Sendable {
    /// What one step of the REPL produced.
    struct Step {
        var output: [UInt8]
        var status: Int32
        var cutBytes: Int
        var cpuSeconds: Double
        var peakRSSBytes: Int
        var durationSeconds: Double
        /// A line to show before the output (a restarted or killed interpreter).
        var notice: String?
        var answer: (text: String, confidence: Double?)?
    }

    /// Sub-calls from Python code, answered by the caller.
    enum Call {
        case llm(prompt: String, input: String)
        case llmBatch(prompts: [String], input: String)
        case rlm(question: String, files: [String])
        case answer(text: String, confidence: Double?)
    }

    private let sandbox: ProgramSandbox
    private var pid: pid_t = 0
    private var keeper: SpawnKeeper?
    private var toChild: Int32 = -1
    private var channel: LineChannel?
    private var generation = 0
    private var lostState: String?

    init(sandbox: ProgramSandbox) { self.sandbox = sandbox }

    deinit {
        if pid > 0 { kill(pid, SIGKILL); waitpid(pid, nil, 0); fsctx_reap_group(pid) }
        keeper?.end()
        if toChild >= 0 { close(toChild) }
    }

    /// Runs `code` in the interpreter (starting it when needed); `call` answers sub-calls.
    func execute(_ code: String, outputCap: Int, call: (Call) async -> Result<JSONValue, ShellError>) async -> Step {
        let started = Date()
        var notice: String?
        if channel == nil {
            if let failure = start() {
                return Step(output: Array("fsctx-sh: python: \(failure)\n".utf8), status: 126, cutBytes: 0, cpuSeconds: 0,
                            peakRSSBytes: 0, durationSeconds: Date().timeIntervalSince(started))
            }
            if let lost = lostState { notice = "fsctx-sh: python: a new interpreter (\(lost)); earlier variables are gone\n"; lostState = nil }
        }
        var answer: (String, Double?)?
        let request: JSONValue = .object(["code": .string(code), "cap": .number(Double(outputCap))])
        guard send(request) else { return died(started, "it exited", notice) }
        while true {
            guard let line = await channel?.readLine(deadline: Date().addingTimeInterval(sandbox.policy.wallSeconds)) else {
                let reason = channel?.timedOut == true ? "it ran past the wall-time limit of \(Int(sandbox.policy.wallSeconds)) s" : nil
                return died(started, reason, notice)
            }
            guard let message = JSONValue(parsing: line), let op = message["op"]?.stringValue else { continue }
            switch op {
            case "done":
                var output = Array((notice ?? "").utf8) + Array((message["output"]?.stringValue ?? "").utf8)
                let cut = message["cut"]?.intValue ?? 0
                if cut > 0 { output += Array("fsctx-sh: python: \(cut) more bytes of output left out\n".utf8) }
                return Step(output: output, status: Int32(message["status"]?.intValue ?? 1), cutBytes: cut,
                            cpuSeconds: message["cpu"]?.numberValue ?? 0, peakRSSBytes: message["rss"]?.intValue ?? 0,
                            durationSeconds: Date().timeIntervalSince(started), notice: notice, answer: answer)
            case "llm", "llm_batch", "rlm", "answer":
                let request: Call
                switch op {
                case "llm": request = .llm(prompt: message["prompt"]?.stringValue ?? "", input: message["input"]?.stringValue ?? "")
                case "llm_batch":
                    let prompts = message["prompts"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    request = .llmBatch(prompts: prompts, input: message["input"]?.stringValue ?? "")
                case "rlm":
                    request = .rlm(question: message["question"]?.stringValue ?? "", files: message["files"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                default:
                    let text = message["text"]?.stringValue ?? ""
                    answer = (text, message["confidence"]?.numberValue)
                    request = .answer(text: text, confidence: message["confidence"]?.numberValue)
                }
                let reply: JSONValue
                switch await call(request) {
                case .success(let result): reply = .object(["ok": .bool(true), "result": result])
                case .failure(let error): reply = .object(["ok": .bool(false), "error": .string(error.message)])
                }
                guard send(reply) else { return died(started, "it exited", notice) }
            default:
                continue
            }
        }
    }

    /// Starts the interpreter; returns a message when it cannot.
    private func start() -> String? {
        guard let bubblewrap = ProgramSandbox.bubblewrap(sandbox.policy) else {
            return "the REPL runs under bubblewrap, which is not installed; install it (apt-get install bubblewrap)"
        }
        guard let python = ProgramSandbox.programPath("python3") else { return "python3 is not installed (apt-get install python3)" }
        var up: [Int32] = [0, 0], down: [Int32] = [0, 0]
        guard fsctx_pipe(&up) == 0, fsctx_pipe(&down) == 0 else { return "cannot create pipes" }
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        sandbox.prepareScratch()
        let argv = [bubblewrap] + sandbox.bubblewrapArguments() + [python, "-I", "-u", "-c", PythonReplScript.source]
        let policy = sandbox.policy, descriptors = [null, null, null, up[1], down[0]]
        // The interpreter lives for many steps: its CPU limit covers its whole life, and it is
        // spawned from a thread that lives as long as it does (--die-with-parent follows that thread).
        let (error, child, keeper) = SpawnKeeper.spawn {
            var child: pid_t = 0
            let error = ProgramSandbox.spawn(argv: argv, descriptors: descriptors, policy: policy, cpuSeconds: policy.cpuSeconds * 30, pid: &child)
            return (error, child)
        }
        close(null); close(up[1]); close(down[0])
        guard error == 0 else {
            close(up[0]); close(down[1])
            return "cannot start the sandbox: \(String(cString: strerror(error)))"
        }
        pid = child
        self.keeper = keeper
        toChild = down[1]
        channel = LineChannel(descriptor: up[0])
        generation += 1
        return nil
    }

    private func send(_ message: JSONValue) -> Bool {
        guard toChild >= 0, let text = Optional(message.jsonText) else { return false }
        let bytes = Array((text + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBufferPointer { write(toChild, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    /// The interpreter is gone: reap it, report, restart on the next step.
    private func died(_ started: Date, _ knownReason: String?, _ notice: String?) -> Step {
        var reason = knownReason ?? "it was killed (memory, CPU or process limit)"
        if pid > 0 {
            var status: Int32 = 0
            var reaped = false
            if knownReason == nil {
                // Give an exiting interpreter a moment, to tell an exit from a kill.
                for _ in 0..<50 {
                    if waitpid(pid, &status, WNOHANG) == pid { reaped = true; break }
                    usleep(10_000)
                }
                if reaped && WIFEXITEDStatus(status) {
                    let code = (status >> 8) & 0xff
                    reason = code > 128 ? "it was killed (signal \(code - 128): memory, CPU or process limit)" : "it exited with status \(code)"
                }
            }
            if !reaped {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
            }
            fsctx_reap_group(pid)
        }
        pid = 0
        keeper?.end()
        keeper = nil
        if toChild >= 0 { close(toChild); toChild = -1 }
        channel?.close()
        channel = nil
        lostState = "the last one stopped: \(reason)"
        let text = (notice ?? "") + "fsctx-sh: python: the interpreter stopped: \(reason); its variables are lost, and a new one starts on the next step\n"
        return Step(output: Array(text.utf8), status: 137, cutBytes: 0, cpuSeconds: 0, peakRSSBytes: 0,
                    durationSeconds: Date().timeIntervalSince(started), notice: notice)
    }
}

/// Whether a wait status is a normal exit.
func WIFEXITEDStatus(_ status: Int32) -> Bool { (status & 0x7f) == 0 }

/// Reads lines from a pipe with a deadline, on a helper thread (never blocking the caller's task).
final class LineChannel: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var closed = false
    /// Whether the last `readLine` gave up at its deadline.
    private(set) var timedOut = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next line without its newline, or nil at end of file or the deadline.
    func readLine(deadline: Date) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.blockingReadLine(deadline: deadline)) }
        }
    }

    private func blockingReadLine(deadline: Date) -> String? {
        timedOut = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            guard !closed else { return nil }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { timedOut = true; return nil }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(min(remaining * 1000 + 1, 1000)))
            if ready <= 0 { continue }
            let count = read(descriptor, &chunk, chunk.count)
            if count > 0 { buffer += chunk[0..<count] } else if count == 0 || errno != EINTR { closed = true }
        }
    }

    func close() { Glibc.close(descriptor) }
}
