import Foundation
import Testing

/// `fsctx materialize`, `run`, `log`, `show`, `replay` through the binary, with real signals.
@Suite struct RunCLITests {
    static let question = "What is the special magic number for wandering-heron mentioned in the provided text?"

    /// A materialized corpus with a needle.
    static func corpus(_ temp: TemporaryDirectory) throws -> String {
        let input = temp.url.appendingPathComponent("input.txt")
        var text = ""
        for index in 0..<400 { text += "Line \(index) of the haystack: the grass is green and the sky is blue.\n" }
        text += "One of the special magic numbers for wandering-heron is: 7321890.\n"
        for index in 400..<800 { text += "Line \(index) of the haystack: the sun is yellow.\n" }
        try text.write(to: input, atomically: true, encoding: .utf8)
        let repo = temp.url.appendingPathComponent("corpus").path
        let made = try CLI.fsctx(["materialize", input.path, "--into", repo])
        #expect(made.status == 0, "\(made.stderr)")
        return repo
    }

    @Test func runLogShowReplayOffline() throws {
        let temp = TemporaryDirectory()
        let repo = try Self.corpus(temp)
        let run = try CLI.fsctx(["run", repo, "--question", Self.question, "--strategy", "srlm", "--candidates", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "7321890\n")
        let id = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("run ") }?.dropFirst(4)).description

        let log = try CLI.fsctx(["log", repo])
        #expect(log.stdout.contains(id) && log.stdout.contains("answered"))
        let show = try CLI.fsctx(["show", repo, id])
        #expect(show.status == 0 && show.stdout.contains("SRLM selection") && show.stdout.contains("trajectory:"))
        let step = try CLI.fsctx(["show", repo, id, "--step", "1"])
        #expect(step.status == 0 && step.stdout.contains("\"kind\""))
        let graph = try git(["log", "--graph", "--oneline", "refs/fsctx/runs/\(id)"], in: URL(fileURLWithPath: repo)).stdout
        #expect(graph.contains("select chose") && graph.contains("|\\"))
        let replay = try CLI.fsctx(["replay", repo, id])
        #expect(replay.status == 0 && replay.stdout.hasPrefix("identical"), "\(replay.stdout) \(replay.stderr)")
    }

    @Test func adaptiveCandidatesStopWhenTheyAgree() throws {
        let temp = TemporaryDirectory()
        let repo = try Self.corpus(temp)
        let run = try CLI.fsctx(["run", repo, "--question", Self.question, "--strategy", "srlm", "--candidates", "auto",
                                 "--min-candidates", "2", "--max-candidates", "5", "--candidate-strategy", "agent",
                                 "--candidate-temperature", "0.5", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let outcome = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let selection = outcome?["selection"] as? [String: Any]
        #expect((selection?["scores"] as? [Any])?.count == 2, "the offline candidates agree: two suffice")
        let id = try #require(outcome?["runID"] as? String)
        let config = try git(["show", "refs/fsctx/runs/\(id):.fsctx/runs/\(id)/run.json"], in: URL(fileURLWithPath: repo)).stdout
        #expect(config.contains("\"adaptiveCandidates\"") && config.contains("\"candidateTemperature\" : 0.5"), "\(config)")
    }

    @Test func badInputIsOneLineAndNonZero() throws {
        let temp = TemporaryDirectory()
        let repo = try Self.corpus(temp)
        let cases: [[String]] = [
            ["run", repo, "--question", "q", "--strategy", "telepathy"],
            ["run", repo, "--question", " "],
            ["run", temp.url.path + "/nowhere", "--question", "q"],
            ["run", repo, "--question", "q", "--max-steps", "0"],
            ["run", repo, "--question", "q", "--model", "gpt-4"],
            ["show", repo, "no-such-run"],
            ["replay", repo, "no-such-run"],
            ["run", repo, "--question", "q", "--strategy", "srlm", "--candidates", "0"],
            ["run", repo, "--question", "q", "--strategy", "srlm", "--candidates", "auto", "--min-candidates", "1"],
            ["run", repo, "--question", "q", "--strategy", "srlm", "--candidate-strategy", "rag"],
            ["run", repo, "--question", "q", "--strategy", "srlm", "--candidate-temperature", "9"],
        ]
        for arguments in cases {
            let result = try CLI.fsctx(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try CLI.fsctx(["log", repo]).stdout.contains("no runs yet"))
    }

    @Test func sigintEndsARunAsInterruptedAndSigkillLeavesAValidHistory() throws {
        let temp = TemporaryDirectory()
        let repo = try Self.corpus(temp)
        let (server, port) = try CLI.fakeModel(["--latency-ms", "100", "--script", "steps:200"])
        defer { server.terminate() }
        let arguments = ["run", repo, "--question", "q", "--model", "openai:fake", "--base-url", "http://127.0.0.1:\(port)/v1",
                         "--max-steps", "500"]
        let environment = ["OPENAI_API_KEY": "sk-test"]

        let interrupted = try CLI.start(arguments, environment: environment)
        Thread.sleep(forTimeInterval: 1.5)
        kill(interrupted.processIdentifier, SIGINT)
        interrupted.waitUntilExit()
        let stderr = String(decoding: (interrupted.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(interrupted.terminationStatus == 1)
        #expect(stderr.contains("stopped: interrupted"), "\(stderr)")

        let killed = try CLI.start(arguments, environment: environment)
        Thread.sleep(forTimeInterval: 1.5)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()

        let log = try CLI.fsctx(["log", repo]).stdout
        #expect(log.contains("interrupted"))
        #expect(log.contains("incomplete"))
        let fsck = try git(["fsck", "--strict"], in: URL(fileURLWithPath: repo))
        #expect(fsck.status == 0, "\(fsck.stderr)")
    }
}
