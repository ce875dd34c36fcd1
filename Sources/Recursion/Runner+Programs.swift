import Foundation
import Shell

extension Runner {
    /// `options` with `allowPrograms` set to the list in effect for a run over `workTree`: the
    /// explicit list (`--allow-programs`, or a replayed run's), else the corpus's `.fsctx/config`,
    /// else `ProgramPolicy.defaultPrograms`. Recorded in `run.json`, so a replay uses the same list.
    static func resolvingPrograms(_ options: StrategyOptions, workTree: URL) throws -> StrategyOptions {
        var policy = options.allowPrograms.map { ProgramPolicy(allowed: $0, explicit: true) } ?? ProgramPolicy()
        if let error = policy.apply(configAt: workTree.appendingPathComponent(".fsctx/config")) {
            throw RecursionError(.badInput, error.message)
        }
        var resolved = options
        resolved.allowPrograms = policy.allowed.sorted()
        return resolved
    }
}

extension RunConfiguration {
    /// The program policy of every agent shell in the run: the recorded list, explicit (so the
    /// corpus's `.fsctx/config` does not change it again); older runs without one fall back to
    /// the config and the default list.
    var programPolicy: ProgramPolicy {
        options.allowPrograms.map { ProgramPolicy(allowed: $0, explicit: true) } ?? ProgramPolicy()
    }
}
