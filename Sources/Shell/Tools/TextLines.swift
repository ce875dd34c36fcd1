/// Splitting byte streams into lines, keeping each line's terminator.
enum TextLines {
    /// The lines of `bytes`, each with its `\n` when it has one.
    static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while start < buffer.count {
                let found = memchr(base + start, 10, buffer.count - start)
                let end = found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count - 1
                lines.append(bytes[start...end])
                start = end + 1
            }
        }
        return lines
    }

    /// A line without its trailing newline.
    static func content(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == 10 ? line.dropLast() : line
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
