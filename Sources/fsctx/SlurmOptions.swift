import ArgumentParser
import Bench
import Foundation

/// `fsctx bench … --slurm N --slurm-dir DIR`: submit the sweep to Slurm instead of running it here.
struct SlurmOptions: ParsableArguments {
    @Option(name: .customLong("slurm"), help: ArgumentHelp(
        "Submit the sweep to Slurm as a job array of N shards plus a merge job, print the job ids and exit.",
        valueName: "N"))
    var shards: Int?

    @Option(name: .customLong("slurm-dir"), help: ArgumentHelp(
        "With --slurm: the sweep's folder, on a file system every node sees (merged rows: DIR/results.jsonl).",
        valueName: "DIR"))
    var directory: String?

    @Option(name: .customLong("sbatch"), parsing: .unconditional, help: ArgumentHelp("With --slurm: extra sbatch arguments, e.g. \"--partition=cpu --time=4:00:00\".",
                                                            valueName: "ARGS"))
    var sbatch: String?

    func validate() throws {
        if shards == nil, directory != nil || sbatch != nil { throw ValidationError("--slurm-dir and --sbatch go with --slurm N") }
        if let shards, shards < 1 { throw ValidationError("--slurm must be a positive number of shards (got \(shards))") }
        if shards != nil, directory == nil { throw ValidationError("--slurm needs --slurm-dir DIR (a folder every node sees)") }
    }

    /// Submits the sweep when `--slurm` was given and returns true; false means "run it here".
    func submitIfAsked() throws -> Bool {
        guard let shards, let directory else { return false }
        let sweep = try SlurmSweep(
            directory: URL(fileURLWithPath: directory), shards: shards, executable: Self.executablePath(),
            benchArguments: Self.benchArguments(CommandLine.arguments), sbatchLine: sbatch ?? "",
            workingDirectory: FileManager.default.currentDirectoryPath)
        try sweep.create()
        Self.print(try sweep.submitAll(), of: sweep)
        return true
    }

    static func print(_ submission: SlurmSweep.Submission, of sweep: SlurmSweep) {
        Swift.print("array job \(submission.arrayJob): shards \(submission.shardList) of \(sweep.shards)")
        Swift.print("merge job \(submission.mergeJob): after every shard of \(submission.arrayJob) succeeds → \(sweep.results.path)")
    }

    /// This process's arguments after `bench` (and `run`), without the Slurm options: what every shard runs.
    static func benchArguments(_ arguments: [String]) -> [String] {
        guard let bench = arguments.firstIndex(of: "bench") else { return [] }
        var rest = Array(arguments[(bench + 1)...])
        if rest.first == "run" { rest.removeFirst() }
        var kept: [String] = []
        var index = 0
        let valued = ["--slurm", "--slurm-dir", "--sbatch"]
        while index < rest.count {
            let argument = rest[index]
            if valued.contains(argument) { index += 2; continue }
            if valued.contains(where: { argument.hasPrefix($0 + "=") }) { index += 1; continue }
            kept.append(argument)
            index += 1
        }
        return kept
    }

    /// The running fsctx binary, absolute (the jobs run the same one).
    static func executablePath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let first = CommandLine.arguments[0]
        return first.hasPrefix("/") ? first : FileManager.default.currentDirectoryPath + "/" + first
    }
}
