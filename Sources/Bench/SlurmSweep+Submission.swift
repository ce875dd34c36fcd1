import Foundation
import SharedValues

extension SlurmSweep {
    /// What `retry()` did.
    public enum RetryOutcome: Sendable, Equatable {
        /// The unfinished shards went into a new array, with a new merge job.
        case resubmitted(Submission)
        /// Every shard was done but nothing was merged: a merge job alone.
        case mergeOnly(job: String)
        /// Every shard is done and merged already.
        case alreadyMerged
    }

    /// Submits every shard (`0-(N-1)`) and the merge job.
    public func submitAll() throws -> Submission {
        try submit(shardList: "0-\(shards - 1)")
    }

    /// Resubmits only the shards without their `.ok` marker, plus a new merge job. Refuses while a
    /// job of this sweep is still queued or running.
    public func retry() throws -> RetryOutcome {
        for job in try submittedJobs() where try !Self.slurm("squeue", ["-h", "-j", job, "-o", "%i"], failureIsEmpty: true).isEmpty {
            throw BenchError(.badInput, "job \(job) of this sweep is still queued or running; wait for it (squeue), then retry")
        }
        let unfinished = unfinishedShards()
        if !unfinished.isEmpty {
            return .resubmitted(try submit(shardList: unfinished.map(String.init).joined(separator: ",")))
        }
        if FileManager.default.fileExists(atPath: results.path) { return .alreadyMerged }
        let job = try sbatch(["--job-name=fsctx-sweep-merge", "--output=\(directory.path)/logs/merge-%j.out", script("merge.sh")])
        return .mergeOnly(job: job)
    }

    /// One line: how many shards are done, which are not, and the merged file when there is one.
    public func statusLines() -> [String] {
        let unfinished = unfinishedShards()
        var lines = ["shards done: \(shards - unfinished.count)/\(shards)"
                     + (unfinished.isEmpty ? "" : "; not done: " + unfinished.map(String.init).joined(separator: " "))]
        if let text = try? String(contentsOf: results, encoding: .utf8) {
            lines.append("merged: \(results.path) (\(text.split(separator: "\n").count) rows)")
        }
        return lines
    }

    /// Submits the array job for `shardList` and the merge job that runs after all of it succeeded.
    func submit(shardList: String) throws -> Submission {
        let array = try sbatch(["--job-name=fsctx-sweep", "--array=\(shardList)",
                                "--output=\(directory.path)/logs/shard-%a.out", script("shard.sh")])
        let merge = try sbatch(["--job-name=fsctx-sweep-merge", "--dependency=afterok:\(array)", "--kill-on-invalid-dep=yes",
                                "--output=\(directory.path)/logs/merge-%j.out", script("merge.sh")])
        let stamp = ISO8601DateFormatter().string(from: Date())
        let line = "\(stamp) array \(array) shards \(shardList) merge \(merge)\n"
        do {
            let handle = try FileHandle(forWritingTo: jobsLog)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.utf8))
        } catch {
            try? line.write(to: jobsLog, atomically: true, encoding: .utf8)
        }
        return Submission(arrayJob: array, shardList: shardList, mergeJob: merge)
    }

    /// The array and merge job ids of every submission so far (from `jobs.log`).
    func submittedJobs() throws -> [String] {
        guard let text = try? String(contentsOf: jobsLog, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").flatMap { line -> [String] in
            let fields = line.split(separator: " ").map(String.init)
            return fields.count >= 7 ? [fields[2], fields[6]] : []
        }
    }

    func script(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `sbatch --parsable [the sweep's --sbatch words] ARGS…`: the job id.
    func sbatch(_ arguments: [String]) throws -> String {
        let extra = ShellWords.split(sbatchLine)
        let script = arguments.last.map { [$0] } ?? []
        let output = try Self.slurm("sbatch", ["--parsable"] + arguments.dropLast() + extra + script, failureIsEmpty: false)
        let id = output.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw BenchError(.io, "sbatch printed no job id (got \"\(output.trimmingCharacters(in: .whitespacesAndNewlines))\")")
        }
        return id
    }

    /// Runs a Slurm command found on PATH and returns its standard output. A failure throws with
    /// the command's first line of stderr, or yields "" when `failureIsEmpty` (squeue of a finished job).
    static func slurm(_ command: String, _ arguments: [String], failureIsEmpty: Bool) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            throw BenchError(.notFound, "\(command) is not on PATH: --slurm needs a Slurm login node (or scripts/slurm-local start DIR)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw BenchError(.io, "cannot start \(path): \(error.localizedDescription)")
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            if failureIsEmpty { return "" }
            let reason = String(decoding: stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw BenchError(.io, "\(command) failed: \(reason)")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
