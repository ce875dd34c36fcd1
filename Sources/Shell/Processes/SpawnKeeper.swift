import Foundation

/// A thread that spawns a long-lived sandbox and then stays alive until released. bubblewrap's
/// `--die-with-parent` is `PR_SET_PDEATHSIG`, which fires when the *thread* that spawned it ends,
/// not the process; Swift's pool threads retire after a few idle seconds, so a sandbox that
/// outlives one call (the Python REPL) must be spawned from a thread that lives as long as it does.
final class SpawnKeeper: @unchecked Sendable {
    private let release = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var released = false

    /// Runs `spawn` on a new thread kept alive until `end()`; returns what `spawn` returned. The
    /// keeper is nil when `spawn` failed (status non-zero): its thread has ended already.
    static func spawn(_ spawn: @escaping @Sendable () -> (status: Int32, pid: pid_t)) -> (status: Int32, pid: pid_t, keeper: SpawnKeeper?) {
        let keeper = SpawnKeeper()
        let box = ResultBox()
        let spawned = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let result = spawn()
            box.value = result
            spawned.signal()
            if result.status == 0 { keeper.release.wait() }
        }
        spawned.wait()
        let result = box.value ?? (status: EINVAL, pid: 0)
        return (result.status, result.pid, result.status == 0 ? keeper : nil)
    }

    /// Lets the thread end (after the sandbox is reaped). Calling it again does nothing.
    func end() {
        let first = lock.withLock { () -> Bool in
            defer { released = true }
            return !released
        }
        if first { release.signal() }
    }

    deinit { end() }

    private final class ResultBox: @unchecked Sendable {
        var value: (status: Int32, pid: pid_t)?
    }
}
