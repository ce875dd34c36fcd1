import Foundation
import Testing

/// `fsctx run --allow-programs`: a scripted model on loopback runs `awk` through the agent's shell;
/// the flag beats the corpus's `.fsctx/config`, which beats the default list; `run.json` records
/// the list in effect and a replay runs with it.
@Suite struct RunProgramsCLITests {
    static let program = "awk 'BEGIN{print 6*7}'"

    /// `fsctx run` with the scripted model; returns the status, the answer and the run id.
    static func runAgent(_ repo: String, port: Int, _ extra: [String] = []) throws -> (status: Int32, answer: String, id: String, stderr: String) {
        let result = try CLI.fsctx(
            ["run", repo, "--question", "What does awk print?", "--model", "openai:fake", "--base-url", "http://127.0.0.1:\(port)/v1"] + extra,
            environment: ["OPENAI_API_KEY": "sk-test"])
        let id = result.stderr.split(separator: "\n").first { $0.hasPrefix("run ") }.map { String($0.dropFirst(4)) } ?? ""
        return (result.status, result.stdout, id, result.stderr)
    }

    /// The `allowPrograms` list the run's `run.json` recorded.
    static func recordedList(_ repo: String, _ id: String) throws -> [String]? {
        let text = try git(["show", "refs/fsctx/runs/\(id):.fsctx/runs/\(id)/run.json"], in: URL(fileURLWithPath: repo)).stdout
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return (json?["options"] as? [String: Any])?["allowPrograms"] as? [String]
    }

    @Test func allowProgramsFlagConfigDefaultAndReplay() throws {
        let temp = TemporaryDirectory()
        let repo = try RunCLITests.corpus(temp)
        let (server, port) = try CLI.fakeModel(["--script", "program:\(Self.program)"])
        defer { server.terminate() }

        let allowed = try Self.runAgent(repo, port: port, ["--allow-programs", "awk"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.answer == "observed: 42\n")
        #expect(try Self.recordedList(repo, allowed.id) == ["awk"])

        let refused = try Self.runAgent(repo, port: port, ["--allow-programs", "jq"])
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.answer.contains("awk: not allowed here (allowed programs: jq;"), "\(refused.answer)")
        #expect(try Self.recordedList(repo, refused.id) == ["jq"])
        // The default list allows awk: only the recorded list makes the replay refuse it again.
        let replay = try CLI.fsctx(["replay", repo, refused.id])
        #expect(replay.status == 0 && replay.stdout.hasPrefix("identical"), "\(replay.stdout) \(replay.stderr)")

        let workTree = URL(fileURLWithPath: repo)
        _ = try run("/bin/chmod", ["-R", "u+w", workTree.appendingPathComponent(".fsctx").path], in: workTree)
        let config = workTree.appendingPathComponent(".fsctx/config")
        try "# programs the agents may run\nallow-programs = jq, python3\n".write(to: config, atomically: true, encoding: .utf8)
        let configured = try Self.runAgent(repo, port: port)
        #expect(configured.answer.contains("awk: not allowed here (allowed programs: jq, python3;"), "\(configured.answer)")
        #expect(try Self.recordedList(repo, configured.id) == ["jq", "python3"])
        let flagWins = try Self.runAgent(repo, port: port, ["--allow-programs", "awk,jq"])
        #expect(flagWins.answer == "observed: 42\n", "\(flagWins.stderr)")

        try FileManager.default.removeItem(at: config)
        let byDefault = try Self.runAgent(repo, port: port)
        #expect(byDefault.answer == "observed: 42\n", "\(byDefault.stderr)")
        #expect(try Self.recordedList(repo, byDefault.id) == ["awk", "comm", "cut", "join", "jq", "paste", "python3", "sed", "sort", "tr", "uniq", "xargs"])

        let bad = try Self.runAgent(repo, port: port, ["--allow-programs", "../bin/sh"])
        #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        #expect(bad.stderr.contains("'../bin/sh' is not a program name"))
    }

    @Test func benchAndDemoTakeTheFlag() throws {
        for command in [["bench", "run"], ["demo"]] {
            let help = try CLI.fsctx(command + ["--help"])
            #expect(help.stdout.contains("--allow-programs"), "\(command)")
        }
    }
}
