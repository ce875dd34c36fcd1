#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text's bytes and line starts, for fast case-insensitive substring search over a large
/// prompt (ASCII case folding; `memmem` over a lowercased copy) without splitting it into
/// strings first.
struct LineIndex {
    private let bytes: [UInt8]
    private let folded: [UInt8]
    private let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        folded = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.starts = starts
    }

    /// Number of lines.
    var count: Int { starts.count }

    /// The text of line `index` (0-based), without its newline.
    func line(_ index: Int) -> String {
        let start = starts[index]
        var end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// 0-based indexes of the lines containing `needle` (matched on ASCII-lowercased bytes;
    /// pass a lowercased needle).
    func lines(containing needle: String) -> [Int] {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, !folded.isEmpty else { return [] }
        var result: [Int] = []
        folded.withUnsafeBytes { haystack in
            pattern.withUnsafeBytes { needleBytes in
                var offset = 0
                while offset < haystack.count,
                      let found = Self.search(haystack.baseAddress! + offset, haystack.count - offset, needleBytes) {
                    let position = haystack.baseAddress!.distance(to: UnsafeRawPointer(found))
                    let line = lineNumber(at: position)
                    if result.last != line { result.append(line) }
                    offset = line + 1 < starts.count ? starts[line + 1] : haystack.count
                }
            }
        }
        return result
    }

    /// First occurrence of `needle` in `count` bytes at `base` (memchr for the first byte, then memcmp).
    private static func search(_ base: UnsafeRawPointer, _ count: Int, _ needle: UnsafeRawBufferPointer) -> UnsafeRawPointer? {
        let first = Int32(needle[0])
        var cursor = base
        var remaining = count
        while remaining >= needle.count {
            guard let hit = memchr(cursor, first, remaining - needle.count + 1) else { return nil }
            let candidate = UnsafeRawPointer(hit)
            if memcmp(candidate, needle.baseAddress!, needle.count) == 0 { return candidate }
            let advance = cursor.distance(to: candidate) + 1
            cursor += advance
            remaining -= advance
        }
        return nil
    }

    private func lineNumber(at offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
