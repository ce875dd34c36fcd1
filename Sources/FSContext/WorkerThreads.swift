import Foundation

/// Runs work on dedicated threads rather than the shared dispatch pool: the materializer is a
/// blocking call that may sit on a pool thread itself, and libdispatch counts a blocked pool
/// thread as busy, which left `concurrentPerform` running on one core.
enum WorkerThreads {
    /// Covers `0..<count` in chunks of `grain` on `threads` new threads; returns when all are done.
    /// Each thread calls `makeBody` once (to set up its own state, e.g. a compressor) and then
    /// the body it returns for each chunk it takes.
    static func forEach(count: Int, threads: Int, grain: Int,
                        _ makeBody: @escaping @Sendable () -> (Range<Int>) -> Void) {
        let cursor = Cursor()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(threads, (count + grain - 1) / max(grain, 1))) {
            group.enter()
            let thread = Thread {
                let body = makeBody()
                while let range = cursor.next(grain, limit: count) { body(range) }
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        group.wait()
    }

    /// Starts `body` on a new thread; `group` is left when it returns.
    static func start(in group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    private final class Cursor: @unchecked Sendable {
        private let lock = NSLock()
        private var position = 0

        func next(_ grain: Int, limit: Int) -> Range<Int>? {
            lock.lock(); defer { lock.unlock() }
            guard position < limit else { return nil }
            let range = position..<min(limit, position + grain)
            position = range.upperBound
            return range
        }
    }
}
