import Dispatch
import Foundation

/// Notes whether SIGINT (Ctrl-C) reached this process while an agent ran. `fsctx launch`
/// ignores SIGINT itself (the agent, in the same process group, gets it too); some agents
/// then exit with a status of their own (Codex exits 1), so the launcher needs its own record
/// that the user interrupted the run.
final class InterruptWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var seen = false
    private let source: DispatchSourceSignal

    /// Starts watching.
    init() {
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.lock.withLock { self?.seen = true } }
        source.resume()
    }

    deinit { source.cancel() }

    /// Whether SIGINT came since `init`.
    var interrupted: Bool { lock.withLock { seen } }
}
