import Foundation

/// What this machine supports for sandboxed programs, for `fsctx doctor`.
public struct SandboxCheck: Sendable, Equatable {
    /// What was checked (`bubblewrap`, `namespaces`, `python3`…).
    public var name: String
    /// Whether it works.
    public var ok: Bool
    /// One line: what was found, or what is wrong and how to fix it.
    public var detail: String
    /// Whether a failure stops sandboxed programs altogether (else only one program is missing).
    public var essential: Bool
}

/// Checks bubblewrap, the namespaces and limits it needs, and the allowed programs, by starting
/// real sandboxes in a temporary corpus.
public enum SandboxDiagnosis {
    /// Runs every check with `policy` (the default allow-list and limits unless given).
    public static func run(policy: ProgramPolicy = ProgramPolicy()) async -> [SandboxCheck] {
        var checks: [SandboxCheck] = []
        guard let bubblewrap = ProgramSandbox.bubblewrap(policy) else {
            checks.append(SandboxCheck(name: "bubblewrap", ok: false,
                                       detail: "not installed: real programs cannot run (install it: apt-get install bubblewrap); the builtins work",
                                       essential: true))
            return checks
        }
        let version = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        checks.append(SandboxCheck(name: "bubblewrap", ok: true, detail: bubblewrap + (version.map { " (kernel \($0))" } ?? ""), essential: true))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsctx-doctor-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("corpus"), scratch = folder.appendingPathComponent("scratch")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try? "probe\n".write(to: root.appendingPathComponent("probe.txt"), atomically: true, encoding: .utf8)
        let sandbox = ProgramSandbox(root: root, scratch: scratch, policy: policy)
        guard let shell = ProgramSandbox.programPath("sh") ?? ProgramSandbox.programPath("dash") else {
            checks.append(SandboxCheck(name: "namespaces", ok: false, detail: "no /usr/bin/sh to probe with", essential: true))
            return checks
        }
        let probe = "cat probe.txt && echo x > scratch/w && ! touch probe.txt 2>/dev/null && cat /proc/self/limits"
        var durations: [Double] = []
        var last: Result<ProcessOutcome, ShellError>?
        for _ in 0..<5 {
            last = await sandbox.run(bubblewrap: bubblewrap, program: shell, arguments: ["-c", probe], input: [], outputCap: 4096, wallSeconds: 10)
            if case .success(let outcome) = last { durations.append(outcome.durationSeconds) }
        }
        switch last {
        case .success(let outcome) where outcome.status == 0:
            let lines = String(decoding: outcome.stdout, as: UTF8.self).split(separator: "\n")
            func limit(_ label: String) -> String {
                lines.first { $0.hasPrefix(label) }.map { $0.dropFirst(label.count).split(separator: " ").first.map(String.init) ?? "?" } ?? "?"
            }
            let median = durations.sorted()[durations.count / 2] * 1000
            checks.append(SandboxCheck(name: "namespaces", ok: true,
                                       detail: String(format: "user, mount, pid, network, ipc and uts namespaces work; a sandbox starts in %.1f ms (median of 5)", median),
                                       essential: true))
            checks.append(SandboxCheck(name: "isolation", ok: lines.first == "probe",
                                       detail: "corpus read-only at \(ProgramSandbox.corpusMount), scratch writable, no network, environment PATH/LANG/HOME only",
                                       essential: true))
            let user = geteuid() == 0 ? "as nobody (uid \(ProgramSandbox.sandboxUser)), since fsctx runs as root" : "as this user"
            let cpu = limit("Max cpu time"), processes = limit("Max processes")
            checks.append(SandboxCheck(name: "limits", ok: cpu == String(policy.cpuSeconds) && processes == String(policy.processes),
                                       detail: "programs run \(user); CPU \(cpu) s, processes \(processes), memory \(policy.memoryBytes >> 20) MB, files \(policy.fileSizeBytes >> 20) MB, wall \(Int(policy.wallSeconds)) s",
                                       essential: true))
        case .success(let outcome) where !outcome.stderr.starts(with: Array("bwrap:".utf8)):
            let message = String(decoding: outcome.stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "status \(outcome.status)"
            checks.append(SandboxCheck(name: "isolation", ok: false, detail: "the probe program failed inside the sandbox: \(message)", essential: true))
            return checks
        case .success(let outcome):
            let message = String(decoding: outcome.stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "status \(outcome.status)"
            checks.append(SandboxCheck(name: "namespaces", ok: false,
                                       detail: "bubblewrap cannot start a sandbox here (\(message)); allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu kernel.apparmor_restrict_unprivileged_userns=0) or run in a container that permits them",
                                       essential: true))
            return checks
        case .failure(let error):
            checks.append(SandboxCheck(name: "namespaces", ok: false, detail: error.message, essential: true))
            return checks
        case nil:
            break
        }
        for name in policy.allowed.sorted() {
            let path = ProgramSandbox.programPath(name)
            let shadowed = Builtins.table[name] != nil ? " (the builtin of this name runs first)" : ""
            checks.append(SandboxCheck(name: name, ok: path != nil, detail: (path ?? "allowed but not installed") + shadowed, essential: false))
        }
        return checks
    }
}
