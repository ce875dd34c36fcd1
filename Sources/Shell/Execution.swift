import Foundation

/// The state of one program while it runs: variables, the output stack, scratch writes and
/// the answer. Created per `ShellSession.run`, used by one task only.
final class Execution {
    let session: ShellSession
    let sandbox: Sandbox
    let limits: ShellLimits
    var variables: [String: String]
    var lastStatus: Int32
    var output: OutputBuffer
    var answer: String?
    var answerConfidence: Double?
    var commandsRun: [String] = []
    var writtenScratchPaths: Set<String> = []

    init(session: ShellSession, variables: [String: String], lastStatus: Int32) {
        self.session = session
        self.sandbox = session.sandbox
        self.limits = session.limits
        self.variables = variables
        self.lastStatus = lastStatus
        self.output = OutputBuffer(limit: session.limits.maxOutputBytes)
    }

    func run(program: String, stdin: [UInt8]) async -> Int32 {
        output.append(Array("fsctx-sh: the interpreter is not implemented yet\n".utf8))
        return 2
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
