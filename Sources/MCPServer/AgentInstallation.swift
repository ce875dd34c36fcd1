import Foundation

/// The Claude Code and Codex CLIs that `scripts/install-agents` unpacks from their PyPI wheels
/// into `~/.cache/fsctx/agents/` (`FSCTX_AGENTS_DIR` overrides), linked as `bin/claude` and
/// `bin/codex`. `fsctx launch` falls back to them when `claude` or `codex` is not on PATH.
public enum AgentInstallation {
    /// The CLIs `launch` knows by name.
    public static let names = ["claude", "codex"]

    /// The install folder.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let custom = environment["FSCTX_AGENTS_DIR"], !custom.isEmpty { return URL(fileURLWithPath: custom) }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/fsctx/agents")
    }

    /// The installed binary of `name` (`claude` or `codex`), if there is one.
    public static func installed(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        guard names.contains(name) else { return nil }
        let binary = folder(environment: environment).appendingPathComponent("bin/\(name)")
        return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
    }

    /// What `fsctx doctor` says of one CLI.
    public struct Check: Sendable, Equatable {
        /// `claude` or `codex`.
        public var name: String
        /// Whether it is installed and runs.
        public var ok: Bool
        /// Its version and path, or what is wrong and how to fix it.
        public var detail: String
    }

    /// The agents section of `fsctx doctor`: for each CLI its version and path (on PATH first,
    /// then the install folder), or how to install it. Not essential: only `launch` needs them.
    public static func checks(environment: [String: String] = ProcessInfo.processInfo.environment) -> [Check] {
        names.map { name in
            let found = AgentProcess.resolve(name, path: environment["PATH"]) ?? installed(name, environment: environment)
            guard let binary = found else {
                return Check(name: name, ok: false, detail: "not installed; run scripts/install-agents (fetches it from PyPI into \(folder(environment: environment).path))")
            }
            guard let version = version(of: binary) else {
                return Check(name: name, ok: false, detail: "\(binary.path) does not run (`\(name) --version` failed); run scripts/install-agents again")
            }
            return Check(name: name, ok: true, detail: "\(version) at \(binary.path)")
        }
    }

    /// The first line `binary --version` prints, or nil when it fails.
    static func version(of binary: URL) -> String? {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("fsctx-version-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: output) }
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: output) else { return nil }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--version"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        try? handle.close()
        guard process.terminationStatus == 0, let text = try? String(contentsOf: output, encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isNewline).first.map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
