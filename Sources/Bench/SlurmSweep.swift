import Foundation
import SharedValues

/// A bench sweep on a Slurm cluster: a job array with one task per shard
/// (`fsctx bench … --shard $SLURM_ARRAY_TASK_ID/N`) and a merge job that starts only when every
/// shard succeeded (`sbatch --dependency=afterok`).
///
/// The sweep lives in one folder on a file system every node sees: `sweep.conf` (sourced by the
/// job scripts), `shard.sh`, `merge.sh`, `logs/`, `shard-I.jsonl` (+ `shard-I.ok` once the shard
/// finished), `results.jsonl` (the merged rows) and `jobs.log` (one line per submission). Bench
/// itself skips runs already in a shard's file, so a retried shard resumes.
public struct SlurmSweep: Sendable {
    /// The sweep's folder (absolute).
    public let directory: URL
    /// The number of shards.
    public let shards: Int
    /// The fsctx binary the jobs run (absolute).
    public let executable: String
    /// `fsctx bench` arguments of every shard, without `--shard` and `--out`.
    public let benchArguments: [String]
    /// Extra `sbatch` arguments of every submission, as one Shell line (`--partition=cpu --time=4:00:00`).
    public let sbatchLine: String
    /// Where the jobs run (relative paths in `benchArguments` are relative to it).
    public let workingDirectory: String

    /// One submission: the array job (the shards given) and the merge job that depends on it.
    public struct Submission: Sendable, Equatable {
        /// The array job's id.
        public let arrayJob: String
        /// The shards of the array, e.g. `0-15` or `1,7`.
        public let shardList: String
        /// The merge job's id.
        public let mergeJob: String
    }

    /// Options `fsctx bench` must not get from the user in a sweep: the sweep sets them per shard.
    public static let perShardOptions = ["--shard", "--out"]

    /// Describes a new sweep; nothing is written until `create()`.
    public init(directory: URL, shards: Int, executable: String, benchArguments: [String], sbatchLine: String,
                workingDirectory: String) throws {
        guard shards >= 1 else { throw BenchError(.badInput, "--slurm must be a positive number of shards (got \(shards))") }
        for argument in benchArguments {
            for option in Self.perShardOptions where argument == option || argument.hasPrefix(option + "=") {
                throw BenchError(.badInput, "leave out \(option) with --slurm: the sweep sets --shard and --out per task (merged rows go to <dir>/results.jsonl)")
            }
        }
        self.directory = directory.standardizedFileURL
        self.shards = shards
        self.executable = executable
        self.benchArguments = benchArguments
        self.sbatchLine = sbatchLine
        self.workingDirectory = workingDirectory
    }

    /// The merged result file.
    public var results: URL { directory.appendingPathComponent("results.jsonl") }

    /// The shards without their `.ok` marker (not finished), in order.
    public func unfinishedShards() -> [Int] {
        (0..<shards).filter { !FileManager.default.fileExists(atPath: marker(of: $0).path) }
    }

    /// `shard-I.ok`: written by shard I's job when `fsctx bench` exited 0.
    func marker(of shard: Int) -> URL { directory.appendingPathComponent("shard-\(shard).ok") }

    /// The sweep's configuration file, sourced by `shard.sh` and `merge.sh` and read back by `open`.
    var configuration: URL { directory.appendingPathComponent("sweep.conf") }

    /// The log of submissions.
    var jobsLog: URL { directory.appendingPathComponent("jobs.log") }
}
