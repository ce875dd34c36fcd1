import Foundation
import Testing

extension EndToEndTests {
    /// `fsctx launch` with a stand-in agent (a Python MCP client) and plain programs, for what the
    /// real CLIs cannot show (RealAgentTests runs Claude Code and Codex): an agent that reads
    /// FSCTX_MCP_CONFIG, a failing agent, bad input, and fast signal and timeout checks.
    @Suite("fsctx launch with a stand-in agent")
    struct LaunchTests {
        @Test("any agent reads FSCTX_MCP_CONFIG; a failing agent's status, printed answer and error are recorded")
        func failingAgentWithEnvironmentConfig() throws {
            let corpus = try SampleCorpus()
            let result = try execute(try TestPaths.fsctx.path, [
                "launch", corpus.root.path, "--run", "env-1", "--quiet", "--",
                try TestPaths.python, TestPaths.standInAgent, "--pattern", "Edith", "--no-answer-tool", "--exit", "3",
            ])
            #expect(result.status == 3, "launch exits with the agent's status: \(result.stderr)")
            #expect(result.stdout.isEmpty, "--quiet passes nothing through")
            #expect(try corpus.show("env-1", "launch/stderr.txt").contains("config from FSCTX_MCP_CONFIG"))
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(try corpus.show("env-1", "answer.json").utf8)) as? [String: Any])
            #expect((answer["answer"] as? String)?.hasPrefix("The line says:") == true, "the printed result is the answer")
            #expect(answer["stopReason"] as? String == "model_error")
            #expect(answer["error"] as? String == "the agent exited with status 3")
            #expect(answer["steps"] as? Int == 2)
            #expect(try corpus.show("env-1", "launch/launch.json").contains("\"answerSource\" : \"agent-result\""))
        }

        @Test("bad input: no command, an unknown agent, a taken run id — a clear error and nothing written")
        func badInput() throws {
            let corpus = try SampleCorpus()
            let fsctx = try TestPaths.fsctx.path
            let none = try execute(fsctx, ["launch", corpus.root.path])
            #expect(none.status != 0 && none.stderr.contains("no agent command; put it after --"), "\(none.stderr)")
            let unknown = try execute(fsctx, ["launch", corpus.root.path, "--", "no-such-agent-xyz", "-p", "hi"])
            #expect(unknown.status != 0 && unknown.stderr.contains("agent command 'no-such-agent-xyz' not found on PATH"), "\(unknown.stderr)")
            let badURL = try execute(fsctx, ["launch", corpus.root.path, "--agent-base-url", "localhost:8080", "--", "/bin/true"])
            #expect(badURL.status != 0 && badURL.stderr.contains("--agent-base-url 'localhost:8080' is not an http(s) URL"), "\(badURL.stderr)")
            #expect(try gitCLI(["for-each-ref", "refs/fsctx/"], in: corpus.root).stdout.isEmpty, "no run was started")
            let notCorpus = try execute(fsctx, ["launch", corpus.directory.url.path, "--", "true"])
            #expect(notCorpus.status != 0 && notCorpus.stderr.contains("not a corpus repository"), "\(notCorpus.stderr)")
            #expect(try execute(fsctx, ["launch", corpus.root.path, "--run", "once", "--quiet", "--", "/bin/true"]).status == 0)
            let again = try execute(fsctx, ["launch", corpus.root.path, "--run", "once", "--", "/bin/true"])
            #expect(again.status != 0 && again.stderr.contains("run once already exists"), "\(again.stderr)")
        }

        @Test("Ctrl-C (SIGINT to the process group) stops the agent; the run is recorded as interrupted")
        func interrupt() throws {
            let corpus = try SampleCorpus()
            let script = "setsid '\(try TestPaths.fsctx.path)' launch '\(corpus.root.path)' --run int --quiet -- /bin/sleep 30 & pid=$!; "
                + "i=0; until git -C '\(corpus.root.path)' -c safe.directory='*' rev-parse -q --verify refs/fsctx/runs/int >/dev/null "
                + "|| [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done; "
                + "sleep 0.3; /bin/kill -s INT -- -$pid; wait $pid; echo \"status $?\""
            let result = try execute("/bin/sh", ["-c", script])
            #expect(result.stdout.contains("status 130"), "\(result.stdout) \(result.stderr)")
            let answer = try corpus.show("int", "answer.json")
            #expect(answer.contains("\"stopReason\" : \"interrupted\""), "\(answer)")
        }

        @Test("--timeout stops a hanging agent and records budget_time")
        func timeout() throws {
            let corpus = try SampleCorpus()
            let started = Date()
            let result = try execute(try TestPaths.fsctx.path, ["launch", corpus.root.path, "--run", "slow", "--timeout", "0.5", "--", "/bin/sleep", "30"])
            #expect(Date().timeIntervalSince(started) < 10)
            #expect(result.status == 128 + 15, "SIGTERM: \(result.stderr)")
            let answer = try corpus.show("slow", "answer.json")
            #expect(answer.contains("\"stopReason\" : \"budget_time\""), "\(answer)")
        }
    }
}
