/// A line of history inside a run: the run's main ref or a side branch for a sub-call or a
/// candidate. Side branches live under `refs/fsctx/branches/<run-id>/<name>` because git cannot
/// hold `refs/fsctx/runs/<id>` and `refs/fsctx/runs/<id>/x` at once; they are never deleted, so
/// every commit stays reachable from some ref.
public struct RunBranch: Sendable, Hashable, CustomStringConvertible {
    /// The short name (`main` for the run's own ref).
    public let name: String
    /// The full reference name.
    public let reference: String

    /// The run's main branch, `refs/fsctx/runs/<run-id>`.
    public static func main(runID: String) -> RunBranch {
        RunBranch(name: "main", reference: "refs/fsctx/runs/\(runID)")
    }

    /// A side branch of a run, `refs/fsctx/branches/<run-id>/<name>`.
    public static func side(runID: String, name: String) -> RunBranch {
        RunBranch(name: name, reference: "refs/fsctx/branches/\(runID)/\(name)")
    }

    public var description: String { reference }
}
