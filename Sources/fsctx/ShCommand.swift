import ArgumentParser
import FSContext
import Foundation
import Shell

/// `fsctx sh`: runs one Shell program over a corpus work tree, recorded as a run step.
struct ShCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sh",
        abstract: "Run a Shell program (grep, read, ls, find, pipes, loops…) over a corpus, recorded in git.")

    @Argument(help: "The corpus work tree (a corpus repository).")
    var repo: String

    @Option(name: .short, help: "The program; read from stdin when left out.")
    var c: String?

    @Option(name: .customLong("run"), help: "Append to this run (refs/fsctx/runs/<id>); a new run by default.")
    var runID: String?

    @Flag(name: .customLong("no-record"), help: "Do not record the program in git.")
    var noRecord = false

    @Option(name: .customLong("max-output"), help: "Cut the output after this many bytes (default 20000).")
    var maxOutput: Int = 20_000

    @Flag(name: .customLong("each-line"), help: "Run each line of stdin as its own program (one recorded step each).")
    var eachLine = false

    @Flag(name: .customLong("no-index"), help: "Neither build nor use the trigram index (recursive grep scans the corpus image).")
    var noIndex = false

    @Flag(help: "Print per-program timing (median, p90, programs/s) to stderr.")
    var timing = false

    @OptionGroup var programOptions: ProgramOptions

    func run() async throws {
        guard maxOutput > 0 else { throw ValidationError("--max-output must be a positive number of bytes") }
        if eachLine && c != nil { throw ValidationError("--each-line reads programs from stdin; leave out -c") }
        let program = c ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let programs = eachLine ? program.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty } : [program]
        let root = URL(fileURLWithPath: repo)
        var recorder: RunRecorder?
        do {
            if !noRecord {
                guard GitRepository.exists(at: root) else {
                    throw ShellError(.badRoot, "\(repo) is not a corpus repository; materialize one first or pass --no-record")
                }
                let repository = try GitRepository.open(at: root)
                if let runID {
                    if try repository.resolveReference("refs/fsctx/runs/\(runID)") != nil {
                        recorder = try RunRecorder.open(repository: repository, runID: runID)
                    } else {
                        recorder = try RunRecorder(repository: repository, runID: runID, base: try corpusCommit(repository))
                    }
                } else {
                    let id = "sh-" + String(Int(Date().timeIntervalSince1970)) + "-" + String(UUID().uuidString.prefix(6)).lowercased()
                    recorder = try RunRecorder(repository: repository, runID: id, base: try corpusCommit(repository))
                }
            }
            var limits = ShellLimits(maxOutputBytes: maxOutput)
            if noIndex { limits.indexMinimumBytes = .max }
            limits.programs = try programOptions.policy()
            let session = try ShellSession(corpusRoot: root, limits: limits, recorder: recorder)
            var status: Int32 = 0
            var durations: [Double] = []
            let started = Date()
            for program in programs {
                let before = Date()
                let result = await session.run(program, streamingTo: Self.writeToStandardOutput)
                durations.append(Date().timeIntervalSince(before))
                status = result.exitStatus
                if let recorder, let commit = result.recordedCommit, !eachLine {
                    FileHandle.standardError.write(Data("fsctx: recorded \(commit.short) on refs/fsctx/runs/\(recorder.runID)\n".utf8))
                }
            }
            try await recorder?.flush()
            if eachLine, let recorder {
                FileHandle.standardError.write(Data("fsctx: recorded \(programs.count) steps on refs/fsctx/runs/\(recorder.runID)\n".utf8))
            }
            if timing { Self.printTiming(durations, total: Date().timeIntervalSince(started)) }
            throw ExitCode(status)
        } catch let error as ShellError {
            FileHandle.standardError.write(Data("fsctx sh: \(error.message)\n".utf8))
            throw ExitCode(2)
        } catch let error as FSContextError {
            FileHandle.standardError.write(Data("fsctx sh: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }

    static let writeToStandardOutput: ShellOutputSink = { bytes in
        var written = 0
        while written < bytes.count {
            let count = write(1, bytes.baseAddress! + written, bytes.count - written)
            if count <= 0 { return }
            written += count
        }
    }

    static func printTiming(_ durations: [Double], total: Double) {
        guard !durations.isEmpty else { return }
        let sorted = durations.sorted()
        let median = sorted[sorted.count / 2] * 1000, p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)] * 1000
        let line = String(format: "fsctx: timing: %d programs, median %.3f ms, p90 %.3f ms, %.0f programs/s\n",
                          durations.count, median, p90, Double(durations.count) / max(total, 1e-9))
        FileHandle.standardError.write(Data(line.utf8))
    }

    func corpusCommit(_ repository: GitRepository) throws -> GitOID {
        if let commit = try repository.resolveReference("refs/heads/corpus") ?? repository.resolveReference("HEAD") { return commit }
        throw ShellError(.badRoot, "\(repo) has no corpus commit (no refs/heads/corpus); materialize it first or pass --no-record")
    }
}
