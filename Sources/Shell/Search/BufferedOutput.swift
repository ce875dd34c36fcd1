import Foundation

/// A file written through a 1 MB buffer (raw storage: the index build appends a billion varints
/// at 10 GB, and an array's per-append checks showed in its profile).
final class BufferedOutput {
    private static let capacity = 1 << 20
    private let descriptor: Int32
    private let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: BufferedOutput.capacity + 16)
    private var count = 0
    private var ok = true

    init?(_ path: String) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { buffer.deallocate(); return nil }
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
        buffer.deallocate()
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < bytes.count {
            let length = min(bytes.count - start, Self.capacity - count)
            (buffer + count).update(from: bytes.baseAddress! + start, count: length)
            count += length
            start += length
            if count >= Self.capacity { flush() }
        }
    }

    func appendWord32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { append($0.bindMemory(to: UInt8.self)) }
    }

    func appendWord64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { append($0.bindMemory(to: UInt8.self)) }
    }

    /// Appends a LEB128 varint; returns its length.
    @inline(__always) func appendVarint(_ value: UInt32) -> Int {
        var value = value, length = 1
        var at = buffer + count
        while value >= 0x80 {
            at.pointee = UInt8(value & 0x7f) | 0x80
            at += 1
            value >>= 7
            length += 1
        }
        at.pointee = UInt8(value)
        count += length
        if count >= Self.capacity { flush() }
        return length
    }

    private func flush() {
        ok = ok && CorpusImage.writeAll(descriptor, buffer, count: count)
        count = 0
    }

    /// Writes what is buffered and closes; false when any write failed.
    func close() -> Bool {
        flush()
        return ok
    }
}
