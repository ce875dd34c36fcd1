import FSContext
import Foundation
import Testing
@testable import Shell

/// Whether bubblewrap, python3 and awk are here (scripts/install-deps installs them).
let sandboxToolsPresent: Bool = ProgramSandbox.bubblewrap(ProgramPolicy()) != nil
    && ProgramSandbox.programPath("python3") != nil && ProgramSandbox.programPath("awk") != nil

/// Real programs under bubblewrap: mixed pipelines, statuses, budgets, the allow-list, records.
@Suite(.serialized, .enabled(if: sandboxToolsPresent, "needs bubblewrap, python3 and awk (scripts/install-deps)"))
struct ProgramSandboxTests {
    let corpus = try! CorpusFixture([
        "INDEX.md": "# Support log\n",
        "logs/a.txt": "User: alice || billing || March\nUser: bob || refund || April\nnoise\n",
        "logs/b.txt": "User: carol || billing || March\nUser: dan || billing || May\nUser: erin || login || March\n",
    ])

    @Test func mixedPipelinesMatchBash() async throws {
        for program in [
            "grep -rh 'User:' . | awk -F'[|][|]' '{print $2}' | sort | uniq -c | sort -rn | head",
            "grep -rh billing logs | awk '{print $2}' | sort", "cat logs/a.txt | python3 -c 'import sys; print(len(sys.stdin.read().split()))'",
            "awk 'END{print NR}' logs/a.txt logs/b.txt", "python3 -c 'print(\"a\\nb\\nc\")' | wc -l",
            "jq -n '[1,2,3] | add'", "seq 5 | awk '{s+=$1} END{print s}'", "printf 'b\\na\\n' | python3 -c 'import sys; print(sorted(sys.stdin.read().split()))'",
            "for f in logs/*.txt; do awk -v f=$f 'END{print f, NR}' $f; done",
        ] where program.contains("jq") ? ProgramSandbox.programPath("jq") != nil : true {
            let ours = try await corpus.run(program)
            let theirs = try run("/usr/bin/env", ["LC_ALL=C", "bash", "-c", program], in: corpus.root)
            #expect(ours.output == theirs.stdout, "\(program)")
            #expect(ours.exitStatus == theirs.status, "\(program): status")
        }
    }

    @Test func exitStatusesAndStandardError() async throws {
        try await expect("python3 -c 'import sys; sys.exit(3)'; echo $?", "3\n")
        try await expect("awk 'BEGIN{exit 2}' || echo failed", "failed\n")
        let traceback = try await corpus.run("python3 -c '1/0'")
        #expect(traceback.exitStatus == 1)
        #expect(traceback.output.contains("ZeroDivisionError"))
        try await expect("python3 -c 'import sys; print(\"err\", file=sys.stderr)' 2>/dev/null; echo done", "done\n")
    }

    @Test func aProcessThatDoesNotReadItsInputDoesNotKillTheShell() async throws {
        let session = try corpus.session()
        let result = await session.run("seq 1 300000 | python3 -c 'pass'; echo $?")
        #expect(result.output == "0\n")
        #expect(await session.run("echo still here").output == "still here\n")
    }

    /// fsctx adopts bubblewrap's init (it outlives the bwrap fsctx waits for) and reaps it: no
    /// sandbox is left as a zombie of this process, nor of pid 1 counting against the process limit.
    @Test func bubblewrapsInitIsReapedNotLeftAsAZombie() async throws {
        let session = try corpus.session()
        for _ in 0..<5 { #expect(await session.run("awk 'BEGIN{print 1}'").output == "1\n") }
        var zombies: [String] = []
        for _ in 0..<20 {
            zombies = Self.zombieChildren()
            if zombies.isEmpty { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(zombies.isEmpty, "\(zombies)")
    }

    /// This process's children that are zombies, as `pid (comm)`.
    static func zombieChildren() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        let children = tasks.flatMap { task in
            procText("/proc/self/task/\(task)/children").split(separator: " ")
        }
        return children.compactMap { pid in
            let stat = procText("/proc/\(pid)/stat")
            guard let close = stat.lastIndex(of: ")") else { return nil }
            let state = stat[stat.index(close, offsetBy: 2)]
            return state == "Z" ? String(stat[..<stat.index(after: close)]) : nil
        }
    }

    /// A /proc file's text ("" when unreadable), read with POSIX calls: Foundation's
    /// `String(contentsOfFile:)` leaks its buffer on an empty /proc file (LeakSanitizer, scripts/sanitize).
    static func procText(_ path: String) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func outputBudgetStopsAChattyProgram() async throws {
        let started = Date()
        let result = try await corpus.run("python3 -c 'import sys\nwhile True: sys.stdout.write(\"x\" * 65536)'",
                                          limits: ShellLimits(maxOutputBytes: 1000))
        #expect(result.output.hasPrefix(String(repeating: "x", count: 1000)))
        #expect(result.output.contains("output cut") || result.output.contains("stopped by the output budget"))
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func allowListFromOptionsAndConfig() async throws {
        var limits = ShellLimits()
        limits.programs = ProgramPolicy(allowed: ["jq"], explicit: true)
        let refused = try await corpus.run("awk 'BEGIN{print 1}'", limits: limits)
        #expect(refused.exitStatus == 126)
        #expect(refused.output.hasPrefix("fsctx-sh: awk: not allowed here (allowed programs: jq; --allow-programs or allow-programs in the corpus's .fsctx/config sets them)"))
        let configured = try CorpusFixture(["INDEX.md": "x\n", ".fsctx/config": "# programs\nallow-programs = awk\n"])
        #expect(try await configured.run("awk 'BEGIN{print 7}'").output == "7\n")
        #expect(try await configured.run("python3 -c 'print(1)'").exitStatus == 126)
        #expect(try await configured.run("no-such-tool").output.contains("no-such-tool: command not found"))
        let bad = try CorpusFixture(["INDEX.md": "x\n", ".fsctx/config": "allow-programs = ../evil\n"])
        #expect(throws: ShellError.self) { try bad.session() }
        #expect(ProgramPolicy.parseList("python3, awk jq") == .success(["python3", "awk", "jq"]))
        #expect(ProgramPolicy.parseList("none") == .success([]))
        #expect(ProgramPolicy.parseList("g++,python3.11,x86_64-linux-gnu-gcc") == .success(["g++", "python3.11", "x86_64-linux-gnu-gcc"]))
        #expect(throws: ShellError.self) { try ProgramPolicy.parseList("awk;rm").get() }
    }

    @Test func missingBubblewrapIsOneLineAndBuiltinsKeepWorking() async throws {
        var limits = ShellLimits()
        limits.programs.bubblewrapPath = "/nonexistent/bwrap"
        let session = try corpus.session(limits: limits)
        let result = await session.run("awk 'BEGIN{print 1}'")
        #expect(result.exitStatus == 126)
        #expect(result.output == "fsctx-sh: awk: real programs run under bubblewrap, which is not installed; install it (apt-get install bubblewrap) or use the builtins\n")
        #expect(await session.run("grep -c billing logs/b.txt").output == "2\n")
    }

    @Test func aProcessStepIsRecordedWithItsStatsAndScratchFiles() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "p1", base: corpus.commit)
        let session = try corpus.session(recorder: recorder)
        let result = await session.run("python3 -c 'open(\"scratch/counts.txt\", \"w\").write(\"3\\n\")'; awk 'BEGIN{print 42}'")
        #expect(result.output == "42\n")
        try await recorder.flush()
        let head = try #require(result.recordedCommit)
        let scratch = try corpus.repository.readBlob(commit: head, path: ".fsctx/runs/p1/scratch/counts.txt")
        #expect(scratch.map { String(decoding: $0, as: UTF8.self) } == "3\n")
        let step = try #require(try corpus.repository.readBlob(commit: head, path: ".fsctx/runs/p1/steps/0001.json"))
        let json = try #require(JSONValue(parsing: String(decoding: step, as: UTF8.self)))
        guard case .array(let processes)? = json["processes"] else { Issue.record("no processes in \(json)"); return }
        #expect(processes.count == 2)
        #expect(processes[1]["command"] == .array([.string("awk"), .string("BEGIN{print 42}")]))
        #expect(processes[1]["exit_status"]?.intValue == 0)
        #expect((processes[0]["peak_rss_bytes"]?.intValue ?? 0) > 1_000_000)
        #expect(processes[0]["cpu_seconds"] != nil && processes[0]["duration_seconds"] != nil)
        let fsck = try git(["fsck", "--strict", "--no-dangling"], in: corpus.root)
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
    }

    func expect(_ program: String, _ output: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let result = try await corpus.run(program)
        #expect(result.output == output, "\(program)", sourceLocation: sourceLocation)
    }
}
