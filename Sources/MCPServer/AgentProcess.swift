import Foundation

/// Runs an agent process to its end: working directory, environment, stdin from /dev/null,
/// stdout and stderr captured (and passed through when echoing), an optional timeout
/// (SIGTERM, then SIGKILL after 5 s). The blocking work runs on its own thread, never on the
/// cooperative pool. It spawns with `posix_spawn` rather than Foundation's `Process`, which
/// on Linux reaps the child only once its output pipes close (a grandchild holding them
/// delays it) and passes the spawning thread's blocked signals on to the child.
struct AgentProcess: Sendable {
    /// What the process left behind.
    struct Finished: Sendable {
        var status: Int32
        var timedOut: Bool
        var stdout: Data
        var stderr: Data
        var seconds: Double
    }

    var executable: URL
    var arguments: [String]
    var directory: URL
    var environment: [String: String]
    var echo: Bool
    var timeoutSeconds: Double?

    /// The full path of `command` (as given when it has a `/`, else the first match on PATH).
    static func resolve(_ command: String, path: String?) -> URL? {
        if command.contains("/") {
            return FileManager.default.isExecutableFile(atPath: command) ? URL(fileURLWithPath: command) : nil
        }
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }

    /// Runs the process; throws `MCPServerError(.launch)` when it cannot start.
    func run() async throws -> Finished {
        let result: Result<Finished, MCPServerError> = await withCheckedContinuation { continuation in
            let job = self
            Thread.detachNewThread { continuation.resume(returning: job.runBlocking()) }
        }
        return try result.get()
    }

    func runBlocking() -> Result<Finished, MCPServerError> {
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard pipe(&out) == 0, pipe(&err) == 0 else {
            return .failure(MCPServerError(.launch, "cannot create pipes for the agent: \(String(cString: strerror(errno)))"))
        }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let started = Date()
        let spawned = ChildProcess.spawn(
            executable.path, arguments: [executable.path] + arguments, environment: environment,
            directory: directory.path, stdout: out[1], stderr: err[1])
        close(out[1])
        close(err[1])
        guard case .success(let pid) = spawned else {
            close(out[0])
            close(err[0])
            if case .failure(let error) = spawned {
                let reason = error.code == .ENOSYS ? "this C library cannot set the agent's working directory" : String(cString: strerror(error.code.rawValue))
                return .failure(MCPServerError(.launch, "cannot start \(executable.path): \(reason)"))
            }
            return .failure(MCPServerError(.launch, "cannot start \(executable.path)"))
        }
        let readers = DispatchGroup()
        let stdout = StreamCapture(echo: echo ? FileHandle.standardOutput : nil)
        let stderr = StreamCapture(echo: echo ? FileHandle.standardError : nil)
        stdout.drain(FileHandle(fileDescriptor: out[0], closeOnDealloc: true), in: readers)
        stderr.drain(FileHandle(fileDescriptor: err[0], closeOnDealloc: true), in: readers)
        var timedOut = false
        var status = ChildProcess.wait(pid, until: timeoutSeconds.map { started.addingTimeInterval($0) })
        if status == nil {
            timedOut = true
            kill(pid, SIGTERM)
            status = ChildProcess.wait(pid, until: Date().addingTimeInterval(5))
            if status == nil {
                kill(pid, SIGKILL)
                status = ChildProcess.wait(pid, until: nil)
            }
        }
        // An MCP server the agent left running may hold the pipes open; do not wait for it.
        _ = readers.wait(timeout: .now() + 3)
        return .success(Finished(
            status: status ?? -1, timedOut: timedOut, stdout: stdout.data, stderr: stderr.data,
            seconds: Date().timeIntervalSince(started)))
    }
}

/// Collects one output stream of the agent, optionally passing it through.
final class StreamCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private let echo: FileHandle?

    init(echo: FileHandle?) { self.echo = echo }

    /// What was read so far.
    var data: Data { lock.withLock { buffer } }

    /// Reads `handle` to its end on a background queue.
    func drain(_ handle: FileHandle, in group: DispatchGroup) {
        DispatchQueue.global().async(group: group) {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                self.lock.withLock { self.buffer.append(chunk) }
                self.echo?.write(chunk)
            }
        }
    }
}
