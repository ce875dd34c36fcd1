import FSContext
import Foundation
import Testing
@testable import Shell

/// The escape battery for real programs: from python3, awk and sed inside the sandbox, every
/// attempt to read, write, connect or exhaust fails, the session goes on, and the recorded
/// history stays `git fsck --strict` clean.
@Suite(.serialized, .enabled(if: sandboxToolsPresent, "needs bubblewrap, python3 and awk (scripts/install-deps)"))
struct EscapeBatteryTests {
    static let secret = "sk-escape-battery-7f3a91"
    /// Text that appears only if a protected file was read: /etc/shadow's entries, the outside
    /// file, the other corpus, the key.
    static let leaks = ["root:x:0", "daemon:", "SECRET", "OTHER-CORPUS", secret]
    let corpus: CorpusFixture
    let other: CorpusFixture
    let recorder: RunRecorder
    let session: ShellSession

    init() async throws {
        setenv("FSCTX_ESCAPE_TEST_API_KEY", Self.secret, 1)
        corpus = try CorpusFixture()
        other = try CorpusFixture(["INDEX.md": "other corpus\n", "secret.txt": "OTHER-CORPUS-SECRET\n"])
        recorder = try RunRecorder(repository: corpus.repository, runID: "escape", base: corpus.commit)
        var limits = ShellLimits(maxStreamBytes: 4 << 20, maxScratchBytes: 8 << 20)
        limits.programs = ProgramPolicy(cpuSeconds: 2, wallSeconds: 8, memoryBytes: 512 << 20, fileSizeBytes: 4 << 20, processes: 64)
        session = try corpus.session(limits: limits, recorder: recorder)
    }

    /// Runs `program`; it must not print `forbidden`, and the session must still answer.
    func refuse(_ program: String, forbidden: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
        let result = await session.run(program)
        if ProcessInfo.processInfo.environment["FSCTX_SHOW_ESCAPES"] != nil { print("$ \(program)\n\(result.output.prefix(600))\n[status \(result.exitStatus)]") }
        for text in forbidden {
            #expect(!result.output.contains(text), "\(program) leaked \(text): \(result.output.prefix(400))", sourceLocation: sourceLocation)
        }
        #expect(await session.run("echo alive").output == "alive\n", "\(program): the run goes on", sourceLocation: sourceLocation)
    }

    @Test func readingOutsideFails() async throws {
        let otherFile = other.root.appendingPathComponent("secret.txt").path
        let outsideFile = corpus.outside.appendingPathComponent("passwd").path
        let parent = getpid()
        for target in ["/etc/shadow", "/root", otherFile, outsideFile, "../outside/passwd", "/proc/\(parent)/environ", "/proc/1/environ"] {
            await refuse("python3 -c 'import os,sys\np=sys.argv[1]\nprint(os.listdir(p) if os.path.isdir(p) else open(p).read())' '\(target)'",
                         forbidden: Self.leaks + [".bashrc"])
            await refuse("awk '{print}' '\(target)'", forbidden: Self.leaks)
            await refuse("awk 'BEGIN{system(\"/usr/bin/sed -n p \(target)\")}'", forbidden: Self.leaks)
            await refuse("sed -n p '\(target)'", forbidden: Self.leaks)
        }
        // Nothing in /proc belongs to the parent: the sandbox has its own pid namespace.
        let processes = await session.run("python3 -c 'import os; print(sorted(p for p in os.listdir(\"/proc\") if p.isdigit()))'")
        #expect(!processes.output.contains("'\(parent)'"))
        try await checkHistory()
    }

    @Test func theEnvironmentHoldsNoKey() async throws {
        let result = await session.run("python3 -c 'import os; print(dict(os.environ))'; awk 'BEGIN{for (k in ENVIRON) print k}'")
        #expect(!result.output.contains(Self.secret) && !result.output.contains("FSCTX_ESCAPE_TEST"))
        #expect(result.output.contains("'HOME': '/tmp'"))
        try await checkHistory()
    }

    @Test func noNetworkEvenToLoopback() async throws {
        let listener = try LoopbackListener()
        await refuse("python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", \(listener.port)), timeout=2); print(\"CONNECTED\")'",
                     forbidden: ["CONNECTED"])
        await refuse("python3 -c 'import urllib.request; print(\"GOT\", urllib.request.urlopen(\"http://127.0.0.1:\(listener.port)/\", timeout=2).read())'",
                     forbidden: ["GOT"])
        #expect(!listener.acceptedAnyone())
        try await checkHistory()
    }

    @Test func theCorpusIsReadOnlyAndScratchLinksLeadNowhere() async throws {
        let before = try String(contentsOf: corpus.root.appendingPathComponent("docs/0001-alpha.txt"), encoding: .utf8)
        await refuse("python3 -c 'open(\"docs/0001-alpha.txt\", \"w\").write(\"owned\")'; awk 'BEGIN{print \"owned\" > \"INDEX.md\"}'; python3 -c 'open(\"new.txt\", \"w\")'",
                     forbidden: [])
        #expect(try String(contentsOf: corpus.root.appendingPathComponent("docs/0001-alpha.txt"), encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: corpus.root.appendingPathComponent("new.txt").path))
        let outsideFile = corpus.outside.appendingPathComponent("passwd").path
        await refuse("python3 -c 'import os; os.symlink(\"/etc/shadow\", \"scratch/shadow\"); os.symlink(\"\(outsideFile)\", \"scratch/passwd\")'; "
                     + "cat scratch/shadow; cat scratch/passwd; python3 -c 'print(open(\"scratch/passwd\").read())'; awk '{print}' scratch/shadow",
                     forbidden: Self.leaks)
        try await checkHistory()
    }

    @Test func bombsAndLoopsAreStopped() async throws {
        let started = Date()
        await refuse("python3 -c 'import os\nwhile True:\n    os.fork()'", forbidden: [])
        await refuse("python3 -c 'import os\nfor _ in range(200):\n    os.system(\":\")\nwhile True: os.fork()' 2>/dev/null", forbidden: [])
        await refuse("python3 -c 'x = bytearray(4 << 30); print(\"ALLOCATED\")'", forbidden: ["ALLOCATED"])
        await refuse("python3 -c 'a = []\nwhile True: a.append(bytearray(1 << 20))'", forbidden: [])
        await refuse("python3 -c 'while True: pass'", forbidden: [])
        await refuse("awk 'BEGIN{while (1) x++}'", forbidden: [])
        await refuse("python3 -c 'import sys\nwhile True: sys.stdout.write(\"y\" * 65536)' | wc -c", forbidden: [])
        await refuse("python3 -c 'import sys\nwhile True: sys.stdout.write(\"y\" * 65536)'", forbidden: [])
        await refuse("python3 -c 'f = open(\"scratch/big\", \"wb\")\nwhile True: f.write(b\"z\" * (1 << 20))'", forbidden: [])
        #expect(Date().timeIntervalSince(started) < 120)
        // Killing bubblewrap tears its pid namespace down: no sandbox process outlives the step for long.
        var leftover = ""
        for _ in 0..<50 {
            leftover = try run("/usr/bin/pgrep", ["-u", "\(ProgramSandbox.sandboxUser)", "-a"]).stdout
            if leftover.isEmpty || geteuid() != 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(leftover.isEmpty || geteuid() != 0, "still running: \(leftover)")
        try await checkHistory()
    }

    /// The run's history is valid: flushed, and `git fsck --strict` clean.
    func checkHistory(sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        try await recorder.flush()
        let fsck = try git(["fsck", "--strict", "--no-dangling"], in: corpus.root)
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)", sourceLocation: sourceLocation)
    }
}

/// A TCP listener on 127.0.0.1 that never accepts; it tells whether anyone connected.
final class LoopbackListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let port: UInt16
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0, listen(descriptor, 8) == 0 else { throw ShellError(.badInput, "cannot listen on loopback") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        port = UInt16(bigEndian: address.sin_port)
        self.port = port
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    /// Whether a connection is waiting (accepting it).
    func acceptedAnyone() -> Bool {
        let client = accept(descriptor, nil, nil)
        if client >= 0 { close(client); return true }
        return false
    }

    deinit { close(descriptor) }
}
