import Foundation

/// A file written through a 1 MB buffer.
final class BufferedOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var ok = true

    init?(_ path: String) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func appendWord32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    func appendWord64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Appends a LEB128 varint; returns its length.
    @inline(__always) func appendVarint(_ value: UInt32) -> Int {
        var value = value, length = 1
        while value >= 0x80 {
            buffer.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
            length += 1
        }
        buffer.append(UInt8(value))
        if buffer.count >= 1 << 20 { flush() }
        return length
    }

    private func flush() {
        ok = ok && CorpusImage.writeAll(descriptor, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes; false when any write failed.
    func close() -> Bool {
        flush()
        return ok
    }
}
