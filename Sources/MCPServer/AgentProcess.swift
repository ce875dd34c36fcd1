import Foundation

/// Runs an agent process to its end: working directory, environment, stdin from /dev/null,
/// stdout and stderr captured (and passed through when echoing), an optional timeout
/// (SIGTERM, then SIGKILL after 5 s). The blocking work runs on its own thread, never on the
/// cooperative pool.
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
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let started = Date()
        do {
            try process.run()
        } catch {
            return .failure(MCPServerError(.launch, "cannot start \(executable.path): \(error.localizedDescription)"))
        }
        let readers = DispatchGroup()
        let stdout = StreamCapture(echo: echo ? FileHandle.standardOutput : nil)
        let stderr = StreamCapture(echo: echo ? FileHandle.standardError : nil)
        stdout.drain(out.fileHandleForReading, in: readers)
        stderr.drain(err.fileHandleForReading, in: readers)
        var timedOut = false
        if let timeoutSeconds, exited.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        } else if timeoutSeconds == nil {
            exited.wait()
        }
        // An MCP server the agent left running may hold the pipes open; do not wait for it.
        _ = readers.wait(timeout: .now() + 3)
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return .success(Finished(
            status: status, timedOut: timedOut, stdout: stdout.data, stderr: stderr.data,
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
