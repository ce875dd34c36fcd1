import ArgumentParser
import Shell

/// `--allow-programs`: which real programs the Shell may run under bubblewrap.
struct ProgramOptions: ParsableArguments {
    @Option(name: .customLong("allow-programs"),
            help: "Real programs the shell may run under bubblewrap, comma-separated, or 'none' (default: the corpus's .fsctx/config allow-programs, else \(ProgramPolicy.defaultPrograms.joined(separator: ","))).")
    var allowPrograms: String?

    /// The policy these options give, or a validation error naming the bad name.
    func policy() throws -> ProgramPolicy {
        guard let allowPrograms else { return ProgramPolicy() }
        switch ProgramPolicy.parseList(allowPrograms) {
        case .success(let names): return ProgramPolicy(allowed: names, explicit: true)
        case .failure(let error): throw ValidationError(error.message)
        }
    }
}
