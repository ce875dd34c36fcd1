import ArgumentParser
import Bench
import Foundation

/// `fsctx bench slurm status|retry DIR`: a sweep submitted with `fsctx bench … --slurm N --slurm-dir DIR`.
struct BenchSlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Follow or retry a sweep submitted with --slurm N --slurm-dir DIR.",
        subcommands: [Status.self, Retry.self])

    /// `fsctx bench slurm status DIR`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Shards done and not done; the merged file when there is one.")
        @Argument(help: "The sweep's folder (--slurm-dir).") var directory: String

        func run() throws {
            do {
                try SlurmSweep.open(URL(fileURLWithPath: directory)).statusLines().forEach { print($0) }
            } catch {
                throw BenchCLI.fail("bench slurm status", error)
            }
        }
    }

    /// `fsctx bench slurm retry DIR`.
    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resubmit only the shards that did not finish (they resume), and a new merge job.")
        @Argument(help: "The sweep's folder (--slurm-dir).") var directory: String

        func run() throws {
            do {
                let sweep = try SlurmSweep.open(URL(fileURLWithPath: directory))
                switch try sweep.retry() {
                case .resubmitted(let submission): SlurmOptions.print(submission, of: sweep)
                case .mergeOnly(let job): print("merge job \(job): every shard is done → \(sweep.results.path)")
                case .alreadyMerged: print("every shard is done and merged: \(sweep.results.path)")
                }
            } catch {
                throw BenchCLI.fail("bench slurm retry", error)
            }
        }
    }
}
