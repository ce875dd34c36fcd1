import Foundation

/// Bytes passed from a process's standard output (read by its exchange thread) to the builtin
/// stage after it in a pipeline (read by the program's task), as they arrive. The reader blocks
/// until bytes or the end come; the writer never blocks (the exchange caps what it passes on).
/// When the reader is done early (`head`), `abandon()` makes `append` refuse, and the exchange
/// closes the pipe so the process gets EPIPE/SIGPIPE, as under bash.
final class ByteStream: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var finished = false
    private var abandoned = false

    /// Passes `chunk` on; false when the reader has abandoned the stream.
    func append(_ chunk: [UInt8]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if abandoned { return false }
        chunks.append(chunk)
        condition.signal()
        return true
    }

    /// Marks the end: no more bytes come. Calling it again does nothing.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Everything that arrived since the last call, waiting for at least one chunk; nil at the end.
    func next() -> [[UInt8]]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished && !abandoned { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        defer { chunks.removeAll() }
        return chunks
    }

    /// The reader is done: what is queued is dropped and later `append`s refuse.
    func abandon() {
        condition.lock()
        abandoned = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
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
