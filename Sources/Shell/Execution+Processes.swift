import FSContext
import Foundation

/// Real programs (python3, awk, jq, …) from the allow-list, run under bubblewrap.
extension Execution {
    /// One process a program ran, for the step record.
    struct ProcessRun {
        let command: [String]
        let outcome: ProcessOutcome

        var json: JSONValue {
            var object: [String: JSONValue] = [
                "command": .array(command.map { .string($0) }), "exit_status": .number(Double(outcome.status)),
                "duration_seconds": .number(outcome.durationSeconds), "cpu_seconds": .number(outcome.cpuSeconds),
                "peak_rss_bytes": .number(Double(outcome.peakRSSBytes)),
            ]
            if let reason = outcome.stoppedBecause { object["stopped_by"] = .string(reason) }
            return .object(object)
        }
    }

    /// Runs `name` as a sandboxed process; the caller checked the allow-list.
    func runProgram(_ name: String, _ arguments: [String], stdin: InputCursor) async -> Int32 {
        let policy = limits.programs
        guard let bubblewrap = ProgramSandbox.bubblewrap(policy) else {
            writeError("fsctx-sh: \(name): real programs run under bubblewrap, which is not installed; install it (apt-get install bubblewrap) or use the builtins\n")
            return 126
        }
        guard let path = ProgramSandbox.programPath(name) else {
            writeError("fsctx-sh: \(name): allowed, but not installed on this machine (looked in /usr/bin, /usr/local/bin)\n")
            return 127
        }
        for url in [sandbox.root, sandbox.scratch] {
            if let folder = ProgramSandbox.unreachable(url) {
                writeError("fsctx-sh: \(name): programs run as nobody when fsctx runs as root, and nobody cannot enter \(folder); chmod o+x it or run fsctx as an ordinary user\n")
                return 126
            }
        }
        let before = scratchSnapshot()
        await stdin.fillAll()
        let input = stdin.takeAll()
        let cap = captures.isEmpty ? output.remaining + 1 : limits.maxStreamBytes
        let programSandbox = ProgramSandbox(root: sandbox.root, scratch: sandbox.scratch, policy: policy)
        let result = await programSandbox.run(bubblewrap: bubblewrap, program: path, arguments: arguments, input: input,
                                              outputCap: max(1, cap), wallSeconds: policy.wallSeconds)
        switch result {
        case .failure(let error):
            writeError("fsctx-sh: \(name): \(error.message)\n")
            return 126
        case .success(let outcome):
            return finishProgram(name, arguments, outcome, before: before)
        }
    }

    /// Records a process that ended and passes on what it wrote; returns its status (126 when
    /// the sandbox could not start). `before` is the scratch area before it started.
    func finishProgram(_ name: String, _ arguments: [String], _ outcome: ProcessOutcome, before: [String: (Int, Double)]?) -> Int32 {
        let policy = limits.programs
        processRuns.append(ProcessRun(command: [name] + arguments, outcome: outcome))
        if let before { noteScratchChanges(since: before) }
        let stderr = String(decoding: outcome.stderr, as: UTF8.self)
        if outcome.status == 1 && outcome.stdout.isEmpty && stderr.hasPrefix("bwrap:") {
            let line = stderr.split(separator: "\n").first.map(String.init) ?? stderr
            let cause = line.contains("Resource temporarily unavailable")
                ? "the sandbox user's process limit (\(policy.processes)) is reached by other sandboxes; try again in a moment"
                : "this machine refuses the namespaces bubblewrap needs — see fsctx doctor"
            writeError("fsctx-sh: \(name): the sandbox could not start (\(line)); \(cause)\n")
            return 126
        }
        writeOutput(outcome.stdout)
        writeError(outcome.stderr)
        if let reason = outcome.stoppedBecause {
            writeError("fsctx-sh: \(name): stopped by \(reason); narrow the input or print less\n")
        } else if let limit = limitMessage(outcome.status, policy) {
            writeError("fsctx-sh: \(name): \(limit)\n")
        }
        return outcome.status
    }

    func limitMessage(_ status: Int32, _ policy: ProgramPolicy) -> String? {
        switch status - 128 {
        case SIGXCPU: return "stopped by the CPU limit (\(policy.cpuSeconds) s)"
        case SIGXFSZ: return "stopped by the file-size limit (\(policy.fileSizeBytes) bytes)"
        case SIGKILL: return "killed (memory or process limit)"
        case SIGSEGV: return "crashed (segmentation fault; the memory limit is \(policy.memoryBytes >> 20) MB)"
        default: return nil
        }
    }

    /// Regular files in the scratch area with their size and modification time.
    func scratchSnapshot() -> [String: (Int, Double)] {
        var files: [String: (Int, Double)] = [:]
        let base = sandbox.scratch.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        while let relative = walker.nextObject() as? String {
            var info = stat()
            guard lstat(base + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            files[relative] = (Int(info.st_size), Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        }
        return files
    }

    /// Adds the scratch files a process created or changed to what this program wrote.
    func noteScratchChanges(since before: [String: (Int, Double)]) {
        for (path, state) in scratchSnapshot() {
            if let old = before[path], old.0 == state.0, old.1 == state.1 { continue }
            guard scratchBytesWritten + state.0 <= limits.maxScratchBytes else {
                writeError("fsctx-sh: scratch/\(path): not recorded: the scratch limit of \(limits.maxScratchBytes) bytes is reached; write less or summarize first\n")
                continue
            }
            writtenScratchPaths.insert(path)
            scratchBytesWritten += state.0
        }
    }
}
