import Foundation

/// Bytes passed from a process's standard output (read by its exchange thread) to the builtin
/// stage after it in a pipeline (read by the program's task), as they arrive. The reader awaits
/// bytes or the end (`next() async`, suspending, not blocking a pool thread; `nextBlocking()`
/// only as a fallback for synchronous readers); the writer never blocks (the exchange caps what
/// it passes on).
/// When the reader is done early (`head`), `abandon()` makes `append` refuse, and the exchange
/// closes the pipe so the process gets EPIPE/SIGPIPE, as under bash.
final class ByteStream: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var finished = false
    private var abandoned = false

    /// The task waiting in `next()`, resumed by the writer.
    private var waiter: CheckedContinuation<Void, Never>?
    /// Bytes appended and not yet taken.
    private var queued = 0
    /// Whether the stage reading the stream runs (see `startReading`).
    private var reading = false
    /// While the reader runs, the writer waits once this much is queued (a pipe's back-pressure).
    static let highWater = 1 << 20

    /// The stage reading the stream has started: from now on the writer waits while
    /// `highWater` bytes are queued, as a process waits on a full pipe. Not before: that stage
    /// runs only after the builtin stages before it, which may be feeding this stream's process.
    func startReading() {
        condition.lock()
        reading = true
        condition.unlock()
    }

    /// For the writer: waits while the reader runs and has `highWater` bytes queued, until it
    /// takes them, abandons the stream, or `deadline` passes.
    func waitForRoom(until deadline: Date) {
        condition.lock()
        while reading && queued >= Self.highWater && !abandoned && Date() < deadline {
            _ = condition.wait(until: min(deadline, Date().addingTimeInterval(0.1)))
        }
        condition.unlock()
    }

    /// Passes `chunk` on; false when the reader has abandoned the stream.
    func append(_ chunk: [UInt8]) -> Bool {
        condition.lock()
        if abandoned {
            condition.unlock()
            return false
        }
        chunks.append(chunk)
        queued += chunk.count
        wake()
        return true
    }

    /// Marks the end: no more bytes come. Calling it again does nothing.
    func finish() {
        condition.lock()
        finished = true
        wake()
    }

    /// The reader is done: what is queued is dropped and later `append`s refuse.
    func abandon() {
        condition.lock()
        abandoned = true
        chunks.removeAll()
        wake()
    }

    /// Signals a blocked reader and resumes a suspended one; unlocks.
    private func wake() {
        condition.broadcast()
        let waiting = waiter
        waiter = nil
        condition.unlock()
        waiting?.resume()
    }

    /// What arrived since the last take ([] at the end), or nil when the reader must wait. Locked by the caller.
    private func takeReady() -> [[UInt8]]? {
        if !chunks.isEmpty {
            defer {
                chunks.removeAll()
                queued = 0
                condition.broadcast()  // a writer waiting for room
            }
            return chunks
        }
        return finished || abandoned ? [] : nil
    }

    /// Everything that arrived since the last call, awaiting at least one chunk; nil at the end.
    func next() async -> [[UInt8]]? {
        while true {
            if let ready = lockedTakeReady() { return ready.isEmpty ? nil : ready }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                condition.lock()
                if !chunks.isEmpty || finished || abandoned {
                    condition.unlock()
                    continuation.resume()
                } else {
                    waiter = continuation
                    condition.unlock()
                }
            }
        }
    }

    private func lockedTakeReady() -> [[UInt8]]? {
        condition.lock()
        defer { condition.unlock() }
        return takeReady()
    }

    /// `next()` for a synchronous reader: blocks the calling thread.
    func nextBlocking() -> [[UInt8]]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished && !abandoned { condition.wait() }
        let ready = takeReady() ?? []
        return ready.isEmpty ? nil : ready
    }
}

/// The write end of a pipe into a process's standard input, fed by the builtin stage before it
/// in a pipeline as that stage writes. Writes block while the pipe is full (the process reads at
/// its pace; its own output is always drained, and the wall-time limit kills a process that never
/// reads, so the writer cannot hang); once the process is gone (EPIPE) the rest is dropped.
/// Used by the program's task only.
final class PipeFeed {
    private var descriptor: Int32

    init(_ descriptor: Int32) {
        ProgramSandbox.brokenPipesIgnored  // a write after the process is gone must fail with EPIPE, not kill fsctx
        self.descriptor = descriptor
    }

    func write(_ bytes: [UInt8]) {
        var written = 0
        bytes.withUnsafeBufferPointer { buffer in
            while descriptor >= 0 && written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count > 0 { written += count } else if count < 0 && errno == EINTR { continue } else { close() }
            }
        }
    }

    /// Closes the pipe: the process sees the end of its input. Calling it again does nothing.
    func close() {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}
