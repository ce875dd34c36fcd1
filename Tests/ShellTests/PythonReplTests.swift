import FSContext
import Foundation
import Testing
@testable import Shell

/// The agent's persistent Python REPL inside the sandbox.
@Suite(.serialized, .enabled(if: sandboxToolsPresent, "needs bubblewrap and python3 (scripts/install-deps)"))
struct PythonReplTests {
    let corpus = try! CorpusFixture()

    @Test func variablesPersistBetweenSteps() async throws {
        let session = try corpus.session()
        #expect(await session.run("python -c 'hits = [l for l in open(\"docs/0001-alpha.txt\") if \"magic\" in l.lower()]'").output == "")
        let result = await session.run("python <<'EOF'\nimport os\nprint(len(hits), CORPUS, os.getcwd())\nlen(hits) * 10\nEOF")
        #expect(result.output == "2 /corpus /corpus\n20\n")
        #expect(result.exitStatus == 0)
        // `python3` is a fresh process: it does not see the REPL's variables.
        let fresh = await session.run("python3 -c 'print(hits)'")
        #expect(fresh.exitStatus == 1 && fresh.output.contains("NameError"))
    }

    /// The interpreter is bubblewrap's child with `--die-with-parent`, whose signal follows the
    /// spawning *thread*: it must outlive idle pool threads (libdispatch retires them after ~5 s).
    @Test func theInterpreterOutlivesIdleThreads() async throws {
        let session = try corpus.session()
        #expect(await session.run("python -c 'kept = 41'").exitStatus == 0)
        try await Task.sleep(for: .seconds(12))
        let next = await session.run("python -c 'print(kept + 1)'")
        #expect(next.output == "42\n")
    }

    @Test func tracebacksAndExitsAreObservations() async throws {
        let session = try corpus.session()
        let failed = await session.run("python -c 'x = 1\n1/0'")
        #expect(failed.exitStatus == 1)
        #expect(failed.output == "Traceback (most recent call last):\n  File \"<python>\", line 2, in <module>\nZeroDivisionError: division by zero\n")
        #expect(await session.run("python -c 'import sys; sys.exit(4)'; echo $?").output == "4\n")
        #expect(await session.run("python -c 'print(x)'").output == "1\n")
    }

    @Test func aKilledInterpreterIsReportedAndRestarted() async throws {
        var limits = ShellLimits()
        limits.programs.memoryBytes = 512 << 20
        let session = try corpus.session(limits: limits)
        _ = await session.run("python -c 'kept = 1'")
        let killed = await session.run("python -c 'import os, signal; os.kill(os.getpid(), signal.SIGKILL)'")
        #expect(killed.exitStatus == 137)
        #expect(killed.output.contains("the interpreter stopped") && killed.output.contains("a new one starts on the next step"))
        let next = await session.run("python -c 'print(\"kept\" in globals())'")
        #expect(next.output.hasPrefix("fsctx-sh: python: a new interpreter"))
        #expect(next.output.hasSuffix("False\n"))
        let memory = await session.run("python -c 'a = []\nwhile True: a.append(bytearray(1 << 24))'")
        #expect(memory.exitStatus == 1 && memory.output.contains("MemoryError"))
        #expect(await session.run("python -c 'print(7)'").output == "7\n")
    }

    @Test func subCallsGoThroughTheHandler() async throws {
        let session = try corpus.session(subcalls: EchoSubCalls())
        let result = await session.run("""
            python <<'EOF'
            print(llm_query("summarize", "alpha beta"))
            print(llm_query_batched(["a", "b", "c"], "ctx here"))
            print(rlm_query("who", ["docs/0002-beta.txt"]))
            answer("42", confidence=90)
            EOF
            """)
        #expect(result.output == "summarize: alpha\n['a: ctx', 'b: ctx', 'c: ctx']\nrlm who: nothing\n")
        #expect(result.answer == "42" && result.answerConfidence == 90)
        let noModel = try await corpus.run("python -c 'llm_query(\"x\")'")
        #expect(noModel.exitStatus == 1 && noModel.output.contains("RuntimeError: sub-calls need a model"))
    }

    @Test func aREPLStepIsRecordedWithStatsAndScratch() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "py", base: corpus.commit)
        let session = try corpus.session(recorder: recorder)
        let result = await session.run("python -c 'open(\"scratch/n.txt\", \"w\").write(\"5\\n\"); print(sum(range(10**5)))'")
        #expect(result.output == "4999950000\n")
        try await recorder.flush()
        let head = try #require(result.recordedCommit)
        #expect(try corpus.repository.readBlob(commit: head, path: ".fsctx/runs/py/scratch/n.txt").map { String(decoding: $0, as: UTF8.self) } == "5\n")
        let step = try #require(try corpus.repository.readBlob(commit: head, path: ".fsctx/runs/py/steps/0001.json"))
        let json = try #require(JSONValue(parsing: String(decoding: step, as: UTF8.self)))
        let process = try #require(json["processes"]?.arrayValue?.first)
        #expect(process["command"]?.arrayValue?.first == .string("python"))
        #expect(process["exit_status"]?.intValue == 0)
        #expect((process["peak_rss_bytes"]?.intValue ?? 0) > 1_000_000)
        let fsck = try git(["fsck", "--strict", "--no-dangling"], in: corpus.root)
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
    }
}
