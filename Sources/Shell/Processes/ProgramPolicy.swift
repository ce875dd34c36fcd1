import Foundation

/// Which real programs a Shell may run, and the limits each one runs under. A command that is
/// not a builtin but is on `allowed` runs as a process under bubblewrap (`ProgramSandbox`).
public struct ProgramPolicy: Sendable, Equatable {
    /// The default allow-list.
    public static let defaultPrograms = ["python3", "awk", "sed", "jq", "sort", "uniq", "cut", "tr", "paste", "join", "comm", "xargs"]

    /// Program names that may run (builtins of the same name win).
    public var allowed: Set<String>
    /// Whether `allowed` was set explicitly (`--allow-programs`), so `.fsctx/config` does not override it.
    public var explicit: Bool
    /// CPU seconds per process.
    public var cpuSeconds: Int
    /// Wall-clock seconds per process.
    public var wallSeconds: Double
    /// Address space per process, bytes.
    public var memoryBytes: Int
    /// The largest file a process may write, bytes.
    public var fileSizeBytes: Int
    /// Processes (and threads) the sandbox user may have at once.
    public var processes: Int
    /// The bubblewrap executable; nil searches `/usr/bin`, `/bin`, `/usr/local/bin`.
    public var bubblewrapPath: String?

    /// Creates a policy; the defaults suit one agent step.
    public init(
        allowed: [String] = ProgramPolicy.defaultPrograms, explicit: Bool = false, cpuSeconds: Int = 20, wallSeconds: Double = 30,
        memoryBytes: Int = 2 << 30, fileSizeBytes: Int = 64 << 20, processes: Int = 128, bubblewrapPath: String? = nil
    ) {
        self.allowed = Set(allowed)
        self.explicit = explicit
        self.cpuSeconds = cpuSeconds
        self.wallSeconds = wallSeconds
        self.memoryBytes = memoryBytes
        self.fileSizeBytes = fileSizeBytes
        self.processes = processes
        self.bubblewrapPath = bubblewrapPath
    }

    /// Parses `--allow-programs` text: names separated by commas or blanks; `none` allows nothing.
    public static func parseList(_ text: String) -> Result<[String], ShellError> {
        let names = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        if names == ["none"] { return .success([]) }
        for name in names where !ProgramSandbox.isProgramName(name) {
            return .failure(ShellError(.badInput, "--allow-programs: '\(name)' is not a program name; give names like python3,awk,jq"))
        }
        return .success(names)
    }

    /// Applies `allow-programs = …` from a corpus's `.fsctx/config` (`key = value` lines, `#`
    /// comments) unless the list was set explicitly. Returns an error for a malformed value.
    public mutating func apply(configAt url: URL) -> ShellError? {
        guard !explicit, let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = content.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == "allow-programs" else { continue }
            switch Self.parseList(parts[1]) {
            case .success(let names): allowed = Set(names)
            case .failure(let error): return ShellError(.badInput, "\(url.path): \(error.message)")
            }
        }
        return nil
    }
}
