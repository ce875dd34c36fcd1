import Foundation

/// Reads a file descriptor in blocks and hands out lines without ever holding more than one
/// line (or one `maxBytes` piece of an over-long line) plus one block in memory.
final class ByteReader {
    private let descriptor: Int32
    private let closeWhenDone: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    private let blockSize: Int
    /// Bytes handed out so far.
    private(set) var consumed = 0
    /// Called with the number of bytes read from the descriptor, after each read.
    var onRead: ((Int) -> Void)?

    /// Reads from an open descriptor (stdin is 0).
    init(descriptor: Int32, closeWhenDone: Bool, blockSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.closeWhenDone = closeWhenDone
        self.blockSize = blockSize
        buffer = [UInt8](repeating: 0, count: blockSize)
    }

    deinit { if closeWhenDone { close(descriptor) } }

    /// Opens a file for reading; throws a one-line error when it cannot.
    static func open(path: String) throws -> ByteReader {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw FSContextError(.badInput, "cannot read \(path): \(reason)")
        }
        return ByteReader(descriptor: fd, closeWhenDone: true)
    }

    /// Calls `body` with the next line, its `\n` included when it has one, or with the next
    /// `maxBytes` piece of a longer line (cut after a space or at a UTF-8 boundary), and with
    /// whether the piece ends the line. Returns false at end of input.
    func nextLine(maxBytes: Int, _ body: (UnsafeRawBufferPointer, _ endsLine: Bool) throws -> Void) throws -> Bool {
        while true {
            let available = end - start
            let found: Int? = buffer.withUnsafeBytes { raw -> Int? in
                guard available > 0 else { return nil }
                let limit = min(available, maxBytes)
                guard let hit = memchr(raw.baseAddress! + start, 0x0A, limit) else { return nil }
                return UnsafeRawPointer(hit) - (raw.baseAddress! + start) + 1
            }
            if let length = found {
                try hand(length, true, body)
                return true
            }
            if available > maxBytes {
                try hand(safeCut(maxBytes), false, body)
                return true
            }
            if atEOF {
                guard available > 0 else { return false }
                try hand(available, true, body)
                return true
            }
            try fill()
        }
    }

    /// Up to `count` bytes at the front of the input, without consuming them.
    func peek(count: Int) throws -> [UInt8] {
        while end - start < count, !atEOF { try fill() }
        return Array(buffer[start..<min(end, start + count)])
    }

    private func hand(_ length: Int, _ endsLine: Bool, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        try buffer.withUnsafeBytes { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)]), endsLine)
        }
        start += length
        consumed += length
    }

    /// Where to cut a piece of `maxBytes` from the buffered line: after the last space in its
    /// final 256 bytes, else before any UTF-8 continuation bytes at the cut.
    private func safeCut(_ maxBytes: Int) -> Int {
        var cut = start + maxBytes
        let floor = max(start + 1, cut - 256)
        var probe = cut
        while probe > floor, buffer[probe - 1] != 0x20 { probe -= 1 }
        if probe > floor { return probe - start }
        var backed = 0
        while backed < 3, cut > start + 1, buffer[cut] & 0xC0 == 0x80 { cut -= 1; backed += 1 }
        return cut - start
    }

    private func fill() throws {
        if start > 0 {
            let live = end - start
            buffer.withUnsafeMutableBytes { raw in
                if live > 0 { memmove(raw.baseAddress!, raw.baseAddress! + start, live) }
            }
            start = 0
            end = live
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let room = buffer.count - end
        let count = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress! + end, room) }
        if count < 0 {
            if errno == EINTR { return }
            throw FSContextError(.io, "read failed: \(String(cString: strerror(errno)))")
        }
        if count == 0 { atEOF = true } else { end += count; onRead?(count) }
    }
}
