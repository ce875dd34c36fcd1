import FSContext
import Foundation
import Testing
@testable import Shell

/// Pipelines whose stages run at once (as under bash): processes joined by OS pipes, a builtin
/// writing into a process as it produces, a process read by the builtin after it as it runs.
/// Each concurrency test needs the two sides to overlap: run one after the other (the old way),
/// the producer waits for a sign from its consumer in vain and says "timeout".
@Suite(.serialized, .enabled(if: sandboxToolsPresent, "needs bubblewrap, python3 and awk (scripts/install-deps)"))
struct PipelineStreamingTests {
    let corpus = try! CorpusFixture([
        "INDEX.md": "# Pipes\n",
        "logs/a.txt": "User: alice || billing || March\nUser: bob || refund || April\nnoise\n",
    ])

    /// A producer that prints `go`, then waits (up to 8 s) for `scratch/<flag>` to appear and says
    /// whether it did.
    static func waitingProducer(_ flag: String) -> String {
        "python3 -c 'import os, sys, time\nprint(\"go\", flush=True)\nt = time.time()\n"
            + "while not os.path.exists(\"scratch/\(flag)\") and time.time() - t < 8: time.sleep(0.01)\n"
            + "print(\"saw\" if os.path.exists(\"scratch/\(flag)\") else \"timeout\")'"
    }

    @Test func consecutiveProcessesRunAtOnce() async throws {
        let consumer = "python3 -c 'import sys\nline = sys.stdin.readline()\nopen(\"scratch/seen\", \"w\").write(line)\nprint(line.strip(), sys.stdin.read().strip())'"
        let result = try await corpus.run(Self.waitingProducer("seen") + " | " + consumer)
        #expect(result.output == "go saw\n")
    }

    @Test func aBuiltinAfterAProcessReadsItAsItRuns() async throws {
        let result = try await corpus.run(Self.waitingProducer("read") + " | while read line; do echo \"$line\" > scratch/read; echo \"got $line\"; done")
        #expect(result.output == "got go\ngot saw\n")
    }

    @Test func aBuiltinBeforeAProcessWritesIntoItAsItProduces() async throws {
        // The group prints `go`, then waits (a short sleep per turn, at most 80 turns) for the
        // process to have read it.
        let program = "{ echo go; n=0; while [ ! -e scratch/ack ] && [ $n -lt 80 ]; do n=$((n+1)); python3 -c 'import time; time.sleep(0.1)'; done; "
            + "[ -e scratch/ack ] && echo saw || echo timeout; } | python3 -c 'import sys\nline = sys.stdin.readline()\nopen(\"scratch/ack\", \"w\")\n"
            + "print(line.strip(), sys.stdin.read().strip())'"
        let result = try await corpus.run(program)
        #expect(result.output == "go saw\n")
    }

    @Test func headStopsAnEndlessProducer() async throws {
        var limits = ShellLimits(maxStreamBytes: 64 << 20)
        limits.programs.wallSeconds = 20
        let started = Date()
        let session = try corpus.session(limits: limits)
        let result = await session.run("awk 'BEGIN{while(1)print 1}' | head -1; echo $?")
        #expect(result.output == "1\n0\n")
        let bytes = await session.run("python3 -c 'import sys\nwhile True: sys.stdout.write(\"y\" * 4095 + \"\\n\")' 2>/dev/null | awk '{print}' | head -c 5; echo")
        #expect(bytes.output == "yyyyy\n")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(await session.run("echo still here").output == "still here\n")
    }

    /// A process that fills its pipe before the next one reads anything, output larger than any
    /// pipe buffer, statuses, `!`, and `2>/dev/null` on a stage, against bash.
    @Test func mixedPipelinesMatchBash() async throws {
        for program in [
            "awk 'BEGIN{for(i=0;i<400000;i++)print i}' | python3 -c 'import sys, time\ntime.sleep(0.3)\nprint(len(sys.stdin.read()))'",
            "awk 'BEGIN{for(i=0;i<300000;i++)print i}' | awk '{print $1 % 7}' | sort | uniq -c | sort -rn | head -3",
            "seq 1 200000 | awk '{print $1 * 2}' | awk '{s += $1} END {print s}'",
            "awk 'BEGIN{for(i=0;i<300000;i++)print i}' | awk 'NR % 100000 == 0' | wc -l",
            "awk 'BEGIN{exit 3}' | awk 'BEGIN{exit 5}'; echo $?",
            "! awk 'BEGIN{exit 3}' | awk '{print}'; echo $?",
            "awk 'BEGIN{exit 0}' | awk 'BEGIN{exit 4}' | cat; echo $?",
            "printf 'x\\ny\\n' | awk '{print toupper($0)}' | tr X Z",
            "awk 'BEGIN{print \"err\" > \"/dev/stderr\"; print 1}' 2>/dev/null | awk '{print $1 + 1}'",
            "seq 3 | while read x; do echo $x | awk '{print $1 * 10}'; done",
            "awk 'BEGIN{for(i=1;i<=5;i++)print i}' | while read x; do echo \"<$x>\"; done | awk '{print NR \":\" $0}'",
            "grep -rh 'User:' . | awk -F'[|][|]' '{print $2}' | sort | uniq -c | sort -rn | head",
            "awk 'BEGIN{while(1)print \"y\"}' | head -3",
            "echo unread | awk 'BEGIN{print \"ignores stdin\"}'",
        ] {
            let ours = try await corpus.run(program)
            let theirs = try run("/usr/bin/env", ["LC_ALL=C", "bash", "-c", program], in: corpus.root)
            #expect(ours.output == theirs.stdout, "\(program)")
            #expect(ours.exitStatus == theirs.status, "\(program): status")
        }
    }

    @Test func everyProcessOfAPipelineIsRecordedInStageOrder() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "p10", base: corpus.commit)
        let session = try corpus.session(recorder: recorder)
        let result = await session.run("seq 3 | awk '{print $1 * 2}' | python3 -c 'import sys; print(sum(map(int, sys.stdin)))' | awk '{print $1 + 1}'")
        #expect(result.output == "13\n")
        try await recorder.flush()
        let head = try #require(result.recordedCommit)
        let step = try #require(try corpus.repository.readBlob(commit: head, path: ".fsctx/runs/p10/steps/0001.json"))
        let json = try #require(JSONValue(parsing: String(decoding: step, as: UTF8.self)))
        guard case .array(let processes)? = json["processes"] else { Issue.record("no processes in \(json)"); return }
        let programs = processes.map { process -> JSONValue? in
            if case .array(let command)? = process["command"] { return command.first }
            return nil
        }
        #expect(programs == [.string("awk"), .string("python3"), .string("awk")])
        #expect(processes.allSatisfy { $0["exit_status"]?.intValue == 0 })
        #expect(processes.allSatisfy { ($0["peak_rss_bytes"]?.intValue ?? 0) > 0 && $0["cpu_seconds"] != nil && $0["duration_seconds"] != nil })
    }
}

/// `sort`'s whole-line path compares an 8-byte prefix number first: it must order exactly as
/// bytes do, with short lines, zero bytes and shared prefixes.
@Test func wholeLineSortOrdersAsBytes() {
    var generator = SystemRandomNumberGenerator()
    for round in 0..<20 {
        var lines: [[UInt8]] = [[], [0], [0, 0], [97], [97, 0], [97, 0, 0, 0, 0, 0, 0, 0, 1], Array("abcdefgh".utf8), Array("abcdefghi".utf8)]
        for _ in 0..<300 {
            let length = Int.random(in: 0...(round % 2 == 0 ? 12 : 3), using: &generator)
            lines.append((0..<length).map { _ in [0, 1, 97, 98, 255].randomElement(using: &generator)! })
        }
        func joined(_ list: [[UInt8]]) -> [UInt8] { list.flatMap { line -> [UInt8] in line + [10] } }
        let ascending = lines.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(Builtins.sortWholeLines([joined(lines)], reverse: false, unique: false) == joined(ascending))
        #expect(Builtins.sortWholeLines([joined(lines)], reverse: true, unique: false) == joined(ascending.reversed()))
    }
}

/// `uniq`'s in-place path: empty lines, a last line without its newline, runs at either end.
@Test func uniqInPlaceKeepsGNUsRuns() {
    let input = Array("a\na\n\n\nb\nbb\nb\nb".utf8)
    #expect(Builtins.uniqLines(input, counts: true, repeated: false, unique: false)
        == Array("      2 a\n      2 \n      1 b\n      1 bb\n      2 b\n".utf8))
    #expect(Builtins.uniqLines(input, counts: false, repeated: true, unique: false) == Array("a\n\nb\n".utf8))
    #expect(Builtins.uniqLines(input, counts: false, repeated: false, unique: true) == Array("b\nbb\n".utf8))
    #expect(Builtins.uniqLines([], counts: true, repeated: false, unique: false).isEmpty)
}
