import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs an agent process to its end with swift-subprocess: working directory, environment,
/// stdin from /dev/null, stdout and stderr captured (and passed through when echoing), an
/// optional timeout (SIGTERM, then SIGKILL after 5 s). The child starts with an empty signal
/// mask and default signal handlers, and its end is watched on its own (a grandchild that keeps
/// the output pipes open, like an MCP server the agent left running, does not hold us up).
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
        let started = Date()
        let stdout = StreamCapture(echo: echo ? FileHandle.standardOutput : nil)
        let stderr = StreamCapture(echo: echo ? FileHandle.standardError : nil)
        let timeoutSeconds = timeoutSeconds
        let timedOut = StreamCapture(echo: nil)  // holds one byte once the timeout has fired
        let result: ExecutionResult<Void, SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(
                .path(FilePath(executable.path)), arguments: Arguments(arguments),
                environment: .custom(Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })),
                workingDirectory: FilePath(directory.path), input: .none, output: .sequence, error: .sequence
            ) { execution in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask { await stdout.drain(execution.standardOutput); return false }
                    group.addTask { await stderr.drain(execution.standardError); return false }
                    if let timeoutSeconds {
                        group.addTask {
                            try await Task.sleep(for: .seconds(timeoutSeconds))
                            timedOut.append(Data([1]))  // before the signal: the streams end with the process
                            await execution.teardown(using: [.gracefulShutDown(allowedDurationToNextStep: .seconds(5))])
                            return true
                        }
                    }
                    // Both streams end when the process does (or when it closes them).
                    var drained = 0
                    while drained < 2, let stoppedIt = try await group.next() {
                        if !stoppedIt { drained += 1 }
                    }
                    group.cancelAll()
                }
            }
        } catch let error as SubprocessError {
            throw MCPServerError(.launch, "cannot start \(executable.path)", underlying: error)
        }
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
        return Finished(status: status, timedOut: !timedOut.data.isEmpty, stdout: stdout.data, stderr: stderr.data,
                        seconds: Date().timeIntervalSince(started))
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

    /// Adds bytes.
    func append(_ chunk: Data) { lock.withLock { buffer.append(chunk) } }

    /// Reads `stream` to its end (or until it fails, e.g. when the process ended and a grandchild
    /// still holds the pipe).
    func drain(_ stream: SubprocessOutputSequence) async {
        do {
            for try await piece in stream {
                let chunk = piece.withUnsafeBytes { Data($0) }
                append(chunk)
                echo?.write(chunk)
            }
        } catch {}
    }
}
