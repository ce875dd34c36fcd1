import CSandboxSpawn
import Foundation

/// Runs real programs under bubblewrap: the corpus work tree read-only at `/corpus` (the working
/// folder), the scratch area read-write at `/corpus/scratch`, `/usr` read-only, a private `/tmp`,
/// no network and no other namespace shared (`--unshare-all`), `--die-with-parent`, a new session, an
/// environment of only `PATH`, `LANG` and `HOME=/tmp`, and CPU, memory, file-size and process
/// limits. When fsctx runs as root the sandbox runs as `nobody` (uid 65534), so the process
/// limit applies and nothing root-only is readable.
struct ProgramSandbox: Sendable {
    /// Where the corpus appears inside the sandbox.
    static let corpusMount = "/corpus"
    /// The uid and gid the sandbox uses when fsctx runs as root.
    static let sandboxUser: Int32 = 65534
    /// The environment every sandboxed program gets.
    static let environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/tmp"]

    let root: URL
    let scratch: URL
    let policy: ProgramPolicy

    /// The bubblewrap executable, or nil when it is not installed.
    static func bubblewrap(_ policy: ProgramPolicy) -> String? {
        if let path = policy.bubblewrapPath { return FileManager.default.isExecutableFile(atPath: path) ? path : nil }
        return ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether `name` is a plain program name: letters, digits and `._+-`, no leading dot or dash
    /// (so no path, and nothing a shell would split, such as `awk;rm`).
    static func isProgramName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.hasPrefix("-")
            && name.allSatisfy { $0.isLetter || $0.isNumber || "._+-".contains($0) }
    }

    /// The program's path inside the sandbox (only `/usr` is mounted), or nil.
    static func programPath(_ name: String) -> String? {
        ["/usr/local/bin/", "/usr/bin/", "/usr/sbin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// bubblewrap's arguments up to and including `--`.
    func bubblewrapArguments() -> [String] {
        var arguments = ["--unshare-all", "--die-with-parent", "--ro-bind", "/usr", "/usr"]
        for folder in ["bin", "sbin", "lib", "lib64", "lib32"] {
            let path = "/" + folder
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                arguments += ["--symlink", target, path]
            } else if FileManager.default.fileExists(atPath: path) {
                arguments += ["--ro-bind", path, path]
            }
        }
        for path in ["/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/mime.types"] {
            arguments += ["--ro-bind-try", path, path]
        }
        arguments += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", Self.corpusMount]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for entry in entries.sorted() where entry != ".git" && entry != Sandbox.scratchName {
            var info = stat()
            let path = root.appendingPathComponent(entry).path
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { continue }
            arguments += ["--ro-bind", path, "\(Self.corpusMount)/\(entry)"]
        }
        arguments += ["--bind", scratch.path, "\(Self.corpusMount)/\(Sandbox.scratchName)",
                      "--remount-ro", Self.corpusMount, "--chdir", Self.corpusMount, "--"]
        return arguments
    }

    /// Makes the scratch area writable for the sandbox user when fsctx runs as root.
    func prepareScratch() {
        guard geteuid() == 0 else { return }
        var info = stat()
        if stat(scratch.path, &info) == 0 && info.st_uid != uid_t(Self.sandboxUser) {
            chown(scratch.path, uid_t(Self.sandboxUser), gid_t(Self.sandboxUser))
        }
    }

    /// When fsctx runs as root, the folders that `nobody` cannot pass on the way to `url`.
    static func unreachable(_ url: URL) -> String? {
        guard geteuid() == 0 else { return nil }
        var path = url.deletingLastPathComponent()
        while path.path != "/" {
            var info = stat()
            if stat(path.path, &info) == 0 && info.st_mode & 0o001 == 0 && info.st_uid != uid_t(sandboxUser) { return path.path }
            path = path.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs `program` (an absolute path inside the sandbox) with `arguments`, feeding `input`;
    /// stdout beyond `outputCap` bytes stops the process. `extraDescriptor` becomes descriptor 3
    /// in the sandbox (the REPL's channel).
    func run(
        bubblewrap: String, program: String, arguments: [String], input: [UInt8], outputCap: Int,
        wallSeconds: Double, extraDescriptor: Int32? = nil
    ) async -> Result<ProcessOutcome, ShellError> {
        await start(bubblewrap: bubblewrap, program: program, arguments: arguments, wiring: ProcessWiring(input: input),
                    outputCap: outputCap, wallSeconds: wallSeconds, extraDescriptor: extraDescriptor).outcome()
    }

    /// Starts `program` on its own thread (which spawns it, feeds and drains it and reaps it) and
    /// returns at once; the handle gives the outcome. The wiring's descriptors are the thread's
    /// to close.
    func start(
        bubblewrap: String, program: String, arguments: [String], wiring: ProcessWiring, outputCap: Int,
        wallSeconds: Double, extraDescriptor: Int32? = nil
    ) -> ProcessHandle {
        prepareScratch()
        let argv = [bubblewrap] + bubblewrapArguments() + [program] + arguments
        let policy = self.policy
        let handle = ProcessHandle()
        Thread.detachNewThread {
            handle.finish(Self.spawnAndWait(
                argv: argv, policy: policy, wiring: wiring, outputCap: outputCap, wallSeconds: wallSeconds, extra: extraDescriptor))
        }
        return handle
    }

    /// A process that exits without reading its input (or the REPL, dead) must not kill fsctx
    /// with SIGPIPE when fsctx writes to it: writes then fail with EPIPE. Children get the default
    /// disposition back before exec (`fsctx_spawn`).
    static let brokenPipesIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// fsctx reaps bubblewrap's init itself (see `fsctx_become_subreaper`). bubblewrap gets no
    /// `--new-session`: the spawn helper's `setsid` already detaches the sandbox from any terminal,
    /// and without a second session the init stays in the process group of the bwrap that leads it,
    /// so `fsctx_reap_group` finds exactly it.
    static let orphansReaped: Void = { _ = fsctx_become_subreaper() }()

    /// Forks and execs `argv` with `descriptors` as 0, 1, 2, … and the policy's limits (CPU
    /// seconds as given); returns 0 or an errno value.
    static func spawn(argv: [String], descriptors: [Int32], policy: ProgramPolicy, cpuSeconds: Int, pid: inout pid_t) -> Int32 {
        brokenPipesIgnored
        orphansReaped
        var limits = fsctx_spawn_limits(
            cpu_seconds: Int64(cpuSeconds), address_space_bytes: Int64(policy.memoryBytes),
            file_size_bytes: Int64(policy.fileSizeBytes), processes: Int64(policy.processes),
            uid: sandboxUser, gid: sandboxUser)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        return fsctx_spawn(argv[0], cArguments, cEnvironment, descriptors, Int32(descriptors.count), &limits, &pid)
    }

    static func spawnAndWait(
        argv: [String], policy: ProgramPolicy, wiring: ProcessWiring, outputCap: Int, wallSeconds: Double, extra: Int32?
    ) -> Result<ProcessOutcome, ShellError> {
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        defer { wiring.stream?.finish() }
        let given = [wiring.stdinDescriptor, wiring.stdoutDescriptor].compactMap { $0 }
        guard wiring.stdinDescriptor != nil || fsctx_pipe(&stdinPipe) == 0, wiring.stdoutDescriptor != nil || fsctx_pipe(&stdoutPipe) == 0,
              fsctx_pipe(&stderrPipe) == 0 else {
            let message = String(cString: strerror(errno))
            for descriptor in stdinPipe + stdoutPipe + stderrPipe + given where descriptor >= 0 { close(descriptor) }
            return .failure(ShellError(.badInput, "cannot create pipes: \(message)"))
        }
        var descriptors: [Int32] = [wiring.stdinDescriptor ?? stdinPipe[0], wiring.stdoutDescriptor ?? stdoutPipe[1], stderrPipe[1]]
        if let extra { descriptors.append(extra) }
        let started = Date()
        var pid: pid_t = 0
        let error = spawn(argv: argv, descriptors: descriptors, policy: policy, cpuSeconds: policy.cpuSeconds, pid: &pid)
        for descriptor in descriptors.prefix(3) { close(descriptor) }
        guard error == 0 else {
            for descriptor in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] where descriptor >= 0 { close(descriptor) }
            let hint = error == EAGAIN ? "; the sandbox user's process limit (\(policy.processes)) is reached by other sandboxes, try again in a moment" : ""
            return .failure(ShellError(.badInput, "cannot start bubblewrap (\(argv[0])): \(String(cString: strerror(error)))\(hint)"))
        }
        var exchange = PipeExchange(stdin: stdinPipe[1], stdout: stdoutPipe[0], stderr: stderrPipe[0], input: wiring.input,
                                    outputCap: outputCap, stream: wiring.stream)
        let stopped = exchange.run(deadline: started.addingTimeInterval(wallSeconds), pid: pid)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        fsctx_reap_group(pid)
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return .success(ProcessOutcome(
            stdout: exchange.stdout, stderr: exchange.stderr, status: exitStatus, durationSeconds: Date().timeIntervalSince(started),
            cpuSeconds: cpu, peakRSSBytes: Int(usage.ru_maxrss) * 1024, stoppedBecause: stopped))
    }
}

/// Where a sandboxed process's standard input comes from and where its standard output goes.
/// By default fsctx writes `input` and collects the output; in a pipeline either end can be a
/// pipe to a neighbouring stage instead.
struct ProcessWiring: Sendable {
    /// Bytes fsctx writes to the process's standard input (unless `stdinDescriptor` is set).
    var input: [UInt8] = []
    /// The read end of a pipe the process gets as standard input (another process or a
    /// `PipeFeed` writes the other end); closed in fsctx once the process is spawned.
    var stdinDescriptor: Int32?
    /// The write end of a pipe the process gets as standard output (the next process reads the
    /// other end); closed in fsctx once the process is spawned.
    var stdoutDescriptor: Int32?
    /// Where the process's standard output goes as it arrives (the builtin stage after it),
    /// instead of the outcome's `stdout`; finished when the process is done.
    var stream: ByteStream?
}

/// A started process's outcome, awaited once by the program's task.
final class ProcessHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<ProcessOutcome, ShellError>?
    private var waiter: CheckedContinuation<Result<ProcessOutcome, ShellError>, Never>?

    func finish(_ result: Result<ProcessOutcome, ShellError>) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(returning: result)
        } else {
            self.result = result
            lock.unlock()
        }
    }

    /// Waits for the process to end (and be reaped).
    func outcome() async -> Result<ProcessOutcome, ShellError> {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(returning: result)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
