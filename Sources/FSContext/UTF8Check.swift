import Foundation

/// UTF-8 validation and repair for corpus text, and the binary-file test git uses.
enum UTF8Check {
    /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil.
    static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let n = bytes.count
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var i = 0
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < n && p[i + k] >= low && p[i + k] <= high
        }
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = p[i]
            switch b {
            case 0x00...0x7F: i += 1
            case 0xC2...0xDF: guard continuation(1) else { return i }; i += 2
            case 0xE0: guard continuation(1, 0xA0), continuation(2) else { return i }; i += 3
            case 0xE1...0xEC, 0xEE, 0xEF: guard continuation(1), continuation(2) else { return i }; i += 3
            case 0xED: guard continuation(1, 0x80, 0x9F), continuation(2) else { return i }; i += 3
            case 0xF0: guard continuation(1, 0x90), continuation(2), continuation(3) else { return i }; i += 4
            case 0xF1...0xF3: guard continuation(1), continuation(2), continuation(3) else { return i }; i += 4
            case 0xF4: guard continuation(1, 0x80, 0x8F), continuation(2), continuation(3) else { return i }; i += 4
            default: return i
            }
        }
        return nil
    }

    /// The bytes with every invalid sequence replaced by U+FFFD, and how many were replaced.
    static func repaired(_ bytes: UnsafeRawBufferPointer) -> (bytes: [UInt8], replaced: Int) {
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        let before = occurrences(of: replacement, in: Array(bytes))
        let text = String(decoding: bytes, as: UTF8.self)
        let out = Array(text.utf8)
        return (out, occurrences(of: replacement, in: out) - before)
    }

    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard haystack.count >= needle.count else { return 0 }
        var count = 0
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i + 1] == needle[1], haystack[i + 2] == needle[2] { count += 1; i += 3 } else { i += 1 }
        }
        return count
    }

    /// git's test: a NUL byte in the first 8,000 bytes makes a file binary.
    static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0, min(bytes.count, 8000)) != nil
    }

    /// Number of `\n` bytes.
    static func newlineCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var cursor = bytes.baseAddress
        var remaining = bytes.count
        while remaining > 0, let start = cursor, let hit = memchr(start, 0x0A, remaining) {
            count += 1
            let advance = UnsafeRawPointer(hit) - start + 1
            cursor = start + advance
            remaining -= advance
        }
        return count
    }
}
