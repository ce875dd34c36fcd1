import Bench
import Foundation
import Testing

/// The sweep folder of `fsctx bench … --slurm` (submission itself runs on a real Slurm in scripts/test-slurm).
@Suite struct SlurmSweepTests {
    static func sweep(_ temp: TemporaryDirectory, arguments: [String] = ["tasks.jsonl", "--strategies", "direct", "--models", "offline"]) throws -> SlurmSweep {
        try SlurmSweep(directory: temp.url.appendingPathComponent("sweep"), shards: 3, executable: "/opt/fsctx bin/fsctx",
                       benchArguments: arguments + ["--seed", "it's 7"], sbatchLine: "--partition=cpu --time=4:00:00",
                       workingDirectory: temp.url.path)
    }

    @Test func createWritesScriptsAndConfigurationThatReadsBack() throws {
        let temp = TemporaryDirectory()
        let sweep = try Self.sweep(temp)
        try sweep.create()
        let reopened = try SlurmSweep.open(sweep.directory)
        #expect(reopened.shards == 3 && reopened.executable == "/opt/fsctx bin/fsctx")
        #expect(reopened.benchArguments == sweep.benchArguments)
        #expect(reopened.sbatchLine == sweep.sbatchLine && reopened.workingDirectory == temp.url.path)
        // Bash reads the same values: the job scripts source sweep.conf.
        let conf = sweep.directory.appendingPathComponent("sweep.conf").path
        let echoed = try run("/bin/bash", ["-c", "source \"$1\"; printf '%s|' \"$SWEEP_FSCTX\" \"${SWEEP_ARGS[@]}\"", "-", conf])
        #expect(echoed.stdout == "/opt/fsctx bin/fsctx|tasks.jsonl|--strategies|direct|--models|offline|--seed|it's 7|")
        for script in ["shard.sh", "merge.sh"] {
            let path = sweep.directory.appendingPathComponent(script).path
            #expect(FileManager.default.isExecutableFile(atPath: path))
            #expect(try run("/bin/bash", ["-n", path]).status == 0)
        }
        #expect(throws: BenchError.self) { try sweep.create() }   // a folder holds one sweep
    }

    @Test func unfinishedShardsAndStatus() throws {
        let temp = TemporaryDirectory()
        let sweep = try Self.sweep(temp)
        try sweep.create()
        #expect(sweep.unfinishedShards() == [0, 1, 2])
        FileManager.default.createFile(atPath: sweep.directory.appendingPathComponent("shard-1.ok").path, contents: nil)
        #expect(sweep.unfinishedShards() == [0, 2])
        #expect(sweep.statusLines() == ["shards done: 1/3; not done: 0 2"])
        try "{}\n{}\n".write(to: sweep.results, atomically: true, encoding: .utf8)
        #expect(sweep.statusLines().last == "merged: \(sweep.results.path) (2 rows)")
    }

    @Test func badInputIsRefused() throws {
        let temp = TemporaryDirectory()
        #expect(throws: BenchError.self) { try Self.sweep(temp, arguments: ["tasks.jsonl", "--shard", "0/2"]) }
        #expect(throws: BenchError.self) { try Self.sweep(temp, arguments: ["tasks.jsonl", "--out=x.jsonl"]) }
        #expect(throws: BenchError.self) {
            try SlurmSweep(directory: temp.url, shards: 0, executable: "/bin/true", benchArguments: [], sbatchLine: "", workingDirectory: "/")
        }
        let error = try #require(throws: BenchError.self) { try SlurmSweep.open(temp.url) }
        #expect(error.message.contains("holds no sweep"))
    }
}
