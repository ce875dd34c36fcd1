import ArgumentParser
import Shell

/// `--allow-programs`: which real programs the Shell may run under bubblewrap. One group for every
/// command that gives an agent or a caller a shell: `sh`, `mcp`, `run`, `bench` (through
/// `StrategyFlags`) and `demo`.
struct ProgramOptions: ParsableArguments {
    @Option(name: .customLong("allow-programs"),
            help: "Real programs the shell may run under bubblewrap, comma-separated, or 'none' (default: the corpus's .fsctx/config allow-programs, else \(ProgramPolicy.defaultPrograms.joined(separator: ","))).")
    var allowPrograms: String?

    func validate() throws { _ = try list() }

    /// The names given, or nil when the flag is absent (the corpus's config or the default list apply).
    func list() throws -> [String]? {
        guard let allowPrograms else { return nil }
        switch ProgramPolicy.parseList(allowPrograms) {
        case .success(let names): return names
        case .failure(let error): throw ValidationError(error.message)
        }
    }

    /// The policy these options give, or a validation error naming the bad name.
    func policy() throws -> ProgramPolicy {
        try list().map { ProgramPolicy(allowed: $0, explicit: true) } ?? ProgramPolicy()
    }
}
