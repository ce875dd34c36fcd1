import CSandboxSpawn
import Foundation

/// Pipelines that run at once, as under bash: every process stage starts before the first stage
/// runs, consecutive processes are joined by OS pipes, a builtin feeding a process writes into
/// its pipe as it produces (`PipeFeed`), and a process feeding a builtin is read as it runs
/// (`ByteStream`, so `head` can stop an endless producer). Builtin stages still run one after
/// another in the program's task: they share its state (variables, scratch, output).
extension Execution {
    /// A pipeline stage that runs as a sandboxed process.
    struct ProcessStage {
        let name: String
        let path: String
        let words: [ShellWord]
        /// `2>/dev/null`: the process's standard error and fsctx's notes about it are dropped.
        let dropStderr: Bool
    }

    /// What joins stage `k` to stage `k + 1`.
    enum PipeJoint {
        /// Two processes: an OS pipe.
        case processes(read: Int32, write: Int32)
        /// A builtin into a process: fsctx writes the pipe.
        case feed(PipeFeed, read: Int32)
        /// A process into a builtin: its output as it arrives.
        case stream(ByteStream)
        /// Two builtins: the first's output, captured.
        case captured
    }

    /// Runs a pipeline's stages; returns the last one's status.
    func executePipeline(_ stages: [ShellNode], stdin: InputCursor) async -> Int32 {
        let processes = stages.map(processStage)
        guard stages.count > 1, processes.contains(where: { $0 != nil }), let bubblewrap = ProgramSandbox.bubblewrap(limits.programs) else {
            return await executeSequentially(stages, stdin: stdin)
        }
        // Arguments first (before any stage runs, as bash expands each stage in its own subshell).
        var arguments: [Int: [String]] = [:]
        for (index, stage) in processes.enumerated() {
            guard let stage else { continue }
            arguments[index] = Array(await expand(stage.words).dropFirst())
            if aborted { return 1 }
        }
        var joints: [PipeJoint] = []
        for index in 0..<(stages.count - 1) {
            switch (processes[index] != nil, processes[index + 1] != nil) {
            case (false, false): joints.append(.captured)
            case (true, false): joints.append(.stream(ByteStream()))
            case (let fromProcess, true):
                var ends: [Int32] = [-1, -1]
                guard fsctx_pipe(&ends) == 0 else {
                    for joint in joints { Self.release(joint, owned: true) }
                    writeError("fsctx-sh: cannot create a pipe: \(String(cString: strerror(errno)))\n")
                    return 126
                }
                Self.widen(ends[0])
                joints.append(fromProcess ? .processes(read: ends[0], write: ends[1]) : .feed(PipeFeed(ends[1]), read: ends[0]))
            }
        }
        let before = scratchSnapshot()
        let policy = limits.programs
        let programSandbox = ProgramSandbox(root: sandbox.root, scratch: sandbox.scratch, policy: policy)
        var handles: [Int: ProcessHandle] = [:]
        for (index, stage) in processes.enumerated() {
            guard let stage else { continue }
            var wiring = ProcessWiring()
            if index == 0 {
                await stdin.fillAll()
                wiring.input = stdin.takeAll()
            } else if case .processes(let read, _) = joints[index - 1] {
                wiring.stdinDescriptor = read
            } else if case .feed(_, let read) = joints[index - 1] {
                wiring.stdinDescriptor = read
            }
            var cap = limits.maxStreamBytes
            if index == stages.count - 1 {
                cap = captures.isEmpty ? output.remaining + 1 : limits.maxStreamBytes
            } else if case .processes(_, let write) = joints[index] {
                wiring.stdoutDescriptor = write
            } else if case .stream(let stream) = joints[index] {
                wiring.stream = stream
            }
            handles[index] = programSandbox.start(bubblewrap: bubblewrap, program: stage.path, arguments: arguments[index]!,
                                                  wiring: wiring, outputCap: max(1, cap), wallSeconds: policy.wallSeconds)
        }
        var input = stdin
        var statuses = [Int32](repeating: 0, count: stages.count)
        for (index, stage) in stages.enumerated() {
            if let process = processes[index] {
                commandsRun.append(process.name)
                if index < stages.count - 1, case .stream(let stream) = joints[index] { input = InputCursor(streaming: stream) }
                continue
            }
            if index > 0, case .stream(let stream) = joints[index - 1] { stream.startReading() }
            if input.isStreaming && !aborted && !Self.takesInputInPieces(stage) {
                // Awaited here (suspended, not blocking a pool thread): the command reads it all anyway.
                await input.fillAll()
            }
            if aborted {
                // Skipped, as the sequential shell skips what follows an expansion error.
            } else if index == stages.count - 1 {
                statuses[index] = await execute(stage, stdin: input)
            } else if case .feed(let feed, _) = joints[index] {
                captures.append([])
                feeds[captures.count] = feed
                statuses[index] = await execute(stage, stdin: input)
                feeds[captures.count] = nil
                _ = captures.removeLast()
                feed.close()
            } else {
                let (bytes, status) = await capturing { await execute(stage, stdin: input) }
                statuses[index] = status
                input = InputCursor(bytes)
            }
            if index > 0, case .stream(let stream) = joints[index - 1] { stream.abandon() }
        }
        for joint in joints { Self.release(joint) }
        for (index, stage) in processes.enumerated() {
            guard let stage, let handle = handles[index] else { continue }
            let result = await handle.outcome()
            if stage.dropStderr { stderrSuppressed += 1 }
            defer { if stage.dropStderr { stderrSuppressed -= 1 } }
            switch result {
            case .failure(let error):
                writeError("fsctx-sh: \(stage.name): \(error.message)\n")
                statuses[index] = 126
            case .success(let outcome):
                statuses[index] = finishProgram(stage.name, arguments[index]!, outcome, before: nil)
            }
        }
        noteScratchChanges(since: before)
        return aborted ? 1 : statuses[stages.count - 1]
    }

    /// Whether a stage fed by a process takes its input as it comes: `head` and `read` (which
    /// await only what they take) and loops (whose `read`s do). Any other stage gets the whole
    /// stream, awaited before it runs: its synchronous reads would block a thread of the pool.
    static func takesInputInPieces(_ stage: ShellNode) -> Bool {
        switch stage {
        case .whileLoop: return true
        case .simple(let command): return ["head", "read"].contains(command.words.first?.plainText ?? "")
        default: return false
        }
    }

    /// The old way, for pipelines without a process: each stage's output captured for the next.
    func executeSequentially(_ stages: [ShellNode], stdin: InputCursor) async -> Int32 {
        var input = stdin
        var last: Int32 = 0
        for (position, stage) in stages.enumerated() {
            if position == stages.count - 1 {
                last = await execute(stage, stdin: input)
            } else {
                let (bytes, _) = await capturing { await execute(stage, stdin: input) }
                input = InputCursor(bytes)
            }
        }
        return last
    }

    /// The stage as a process to start up front: a simple command named by a plain word that is
    /// an allowed, installed program and not a builtin, with no assignments and no redirections
    /// but `2>&1` and `2>/dev/null`. Anything else runs in the task (a process among it the
    /// sequential way, with the same messages for a missing or refused program).
    func processStage(_ node: ShellNode) -> ProcessStage? {
        guard case .simple(let command) = node, command.assignments.isEmpty, let name = command.words.first?.plainText,
              ProgramSandbox.isProgramName(name),
              name != "read", Builtins.table[name] == nil, limits.programs.allowed.contains(name),
              let path = ProgramSandbox.programPath(name),
              ProgramSandbox.unreachable(sandbox.root) == nil, ProgramSandbox.unreachable(sandbox.scratch) == nil else { return nil }
        var dropStderr = false
        for redirection in command.redirections {
            switch redirection.kind {
            case .stderrToStdout: continue
            case .stderrWrite, .stderrAppend:
                guard redirection.target.plainText == "/dev/null" else { return nil }
                dropStderr = true
            default: return nil
            }
        }
        return ProcessStage(name: name, path: path, words: command.words, dropStderr: dropStderr)
    }

    /// Closes fsctx's side of a joint; `owned` also the ends meant for processes (none started).
    static func release(_ joint: PipeJoint, owned: Bool = false) {
        switch joint {
        case .feed(let feed, let read):
            feed.close()
            if owned { _ = Foundation.close(read) }
        case .stream(let stream): stream.abandon()
        case .processes(let read, let write):
            if owned { _ = Foundation.close(read); _ = Foundation.close(write) }
        case .captured: break
        }
    }

    /// A pipe of 1 MB rather than 64 KB: fewer switches between the processes on either side.
    static func widen(_ descriptor: Int32) {
        _ = fcntl(descriptor, 1031 /* F_SETPIPE_SZ, not imported without _GNU_SOURCE */, Int32(1 << 20))
    }
}
