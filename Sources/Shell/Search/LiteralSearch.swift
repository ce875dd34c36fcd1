import CSearchKernels
import Foundation

/// A fast exact search for one byte string. When the needle's rarest byte is rare in the text,
/// `memchr` for it (both cases when caseless), then a compare. When even its rarest byte is
/// common, a SIMD packed-pair search (ripgrep's prefilter): the positions where the needle's two
/// rarest bytes both occur at the right distance are found 32 at a time, and only those are
/// compared in full. Caseless search folds ASCII letters.
struct LiteralSearch: Sendable {
    let needle: [UInt8]
    let caseless: Bool
    let rareIndex: Int
    /// The second rarest byte's index (differs from `rareIndex` when the needle has two bytes or more).
    let pairIndex: Int
    /// Whether to search by packed pair (the rarest byte is common) rather than `memchr`.
    let usePair: Bool
    let rareLower: UInt8
    let rareUpper: UInt8

    /// With `byteCounts` (how often each byte occurs in the text to search, from the corpus
    /// image), the rarest byte is chosen by those counts instead of English letter frequency.
    init(_ needle: [UInt8], caseless: Bool, byteCounts: [Int]? = nil) {
        self.needle = caseless ? needle.map(Self.lower) : needle
        self.caseless = caseless
        let rank = { (byte: UInt8) -> Int in
            guard let byteCounts else { return Self.rank(byte) }
            return caseless ? byteCounts[Int(Self.lower(byte))] + byteCounts[Int(Self.upper(byte))] : byteCounts[Int(byte)]
        }
        var best = 0
        for index in needle.indices where rank(needle[index]) < rank(needle[best]) { best = index }
        rareIndex = best
        var second = best == 0 ? 1 : 0
        for index in needle.indices where index != best && rank(needle[index]) < rank(needle[second]) { second = index }
        pairIndex = min(second, needle.count - 1)
        // memchr stops on every occurrence of the rare byte: worth it below about one in 2000 bytes.
        let rare = rank(needle[best])
        if let byteCounts {
            usePair = needle.count >= 2 && rare * 2000 > byteCounts.reduce(0, +)
        } else {
            usePair = needle.count >= 2 && rare > Self.rank(UInt8(ascii: "0"))
        }
        rareLower = caseless ? Self.lower(needle[best]) : needle[best]
        rareUpper = caseless ? Self.upper(needle[best]) : needle[best]
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }
    @inline(__always) static func upper(_ byte: UInt8) -> UInt8 { (97...122).contains(byte) ? byte - 32 : byte }

    /// How common a byte is in text (lower is rarer).
    static func rank(_ byte: UInt8) -> Int {
        let common = Array(" etaoinsrhldcumfpgwybvkxjqz".utf8)
        let lowered = lower(byte)
        if let position = common.firstIndex(of: lowered) { return 1000 - position * 10 - (byte == lowered ? 0 : 5) }
        if (48...57).contains(byte) { return 300 }
        if byte == 10 || byte == 46 || byte == 44 { return 600 }
        return 100
    }

    /// Whether the CPU has AVX2 (else the pair search uses SSE2).
    static let hasAVX2 = csearch_cpu_has_avx2() != 0

    /// The first occurrence in `base[from..<length]`: its start, or nil.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, _ length: Int, from: Int) -> Int? {
        let count = needle.count
        guard count > 0, length - from >= count else { return count == 0 && from <= length ? from : nil }
        if usePair {
            let found = needle.withUnsafeBufferPointer {
                csearch_find_pair(base + from, length - from, $0.baseAddress!, count, rareIndex, pairIndex, caseless ? 1 : 0, Self.hasAVX2 ? 1 : 0)
            }
            return found < 0 ? nil : from + found
        }
        var position = from + rareIndex
        let end = length - count + rareIndex + 1
        let cases = [rareLower, rareUpper]
        return needle.withUnsafeBufferPointer { needlePointer in
            while position < end {
                // Both cases of the rare byte in one pass when caseless.
                let candidate: Int
                if rareLower == rareUpper {
                    candidate = Self.next(base, rareLower, position, end)
                } else {
                    let found = cases.withUnsafeBufferPointer { csearch_find_any(base + position, end - position, $0.baseAddress!, 2, Self.hasAVX2 ? 1 : 0) }
                    candidate = found < 0 ? end : position + found
                }
                if candidate >= end { return nil }
                let start = candidate - rareIndex
                if matches(base + start, needlePointer) { return start }
                position = candidate + 1
            }
            return nil
        }
    }

    /// The next position of `byte` in `base[from..<end]`, or `end`.
    @inline(__always)
    private static func next(_ base: UnsafePointer<UInt8>, _ byte: UInt8, _ from: Int, _ end: Int) -> Int {
        guard let found = memchr(base + from, Int32(byte), end - from) else { return end }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// Whether the needle occurs at `base[start...]` (the caller checks the bounds).
    @inline(__always)
    func occurs(_ base: UnsafePointer<UInt8>, at start: Int) -> Bool {
        needle.withUnsafeBufferPointer { matches(base + start, $0) }
    }

    @inline(__always)
    private func matches(_ start: UnsafePointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        if !caseless { return memcmp(start, needle.baseAddress!, needle.count) == 0 }
        for index in 0..<needle.count where Self.lower(start[index]) != needle[index] { return false }
        return true
    }
}
