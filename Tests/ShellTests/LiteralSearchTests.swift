import CPCRE2
import Foundation
import Testing
@testable import Shell

/// The literal search (memchr on the rarest byte, or the SIMD packed pair) against a plain
/// byte-by-byte search, on random text with matches at vector-block edges, both text ends,
/// and ASCII case folding.
@Suite struct LiteralSearchTests {
    static let alphabet = Array("abAB@`[{\n-z".utf8)

    /// The first start at or after `from` where `needle` occurs (ASCII-folded when caseless).
    static func reference(_ text: [UInt8], _ needle: [UInt8], from: Int, caseless: Bool) -> Int? {
        let fold = { (byte: UInt8) in caseless ? LiteralSearch.lower(byte) : byte }
        guard text.count >= needle.count, from <= text.count - needle.count else { return nil }
        return (from...(text.count - needle.count)).first { start in
            needle.indices.allSatisfy { fold(text[start + $0]) == fold(needle[$0]) }
        }
    }

    @Test func randomTextMatchesReferenceOnBothPaths() {
        var generator = SeededGenerator(seed: 7)
        func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
        for round in 0..<4000 {
            let text = (0..<random(300)).map { _ in Self.alphabet[random(4 + round % 8)] }
            let needle = (0..<(1 + random(7))).map { _ in Self.alphabet[random(4 + round % 8)] }
            let caseless = round % 2 == 1
            // Equal counts make every byte "common" (packed pair); zero counts for the
            // needle's bytes in a large text make them rare (memchr).
            let common = LiteralSearch(needle, caseless: caseless, byteCounts: Array(repeating: 1000, count: 256))
            var rareCounts = Array(repeating: 1000, count: 256)
            for byte in needle { rareCounts[Int(LiteralSearch.lower(byte))] = 0; rareCounts[Int(LiteralSearch.upper(byte))] = 0 }
            let rare = LiteralSearch(needle, caseless: caseless, byteCounts: rareCounts)
            #expect(common.usePair == (needle.count >= 2))
            #expect(!rare.usePair)
            let from = text.isEmpty ? 0 : random(text.count)
            let expected = Self.reference(text, needle, from: from, caseless: caseless)
            text.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                #expect(common.find(base, text.count, from: from) == expected, "pair \(text) \(needle) from \(from)")
                #expect(rare.find(base, text.count, from: from) == expected, "memchr \(text) \(needle) from \(from)")
            }
        }
    }

    /// A needle at every offset of a text longer than two AVX2 blocks is found by both the
    /// AVX2 and the SSE2 loop, including where it ends the text or straddles a block edge.
    @Test func pairSearchFindsEveryOffsetWithBothVectorWidths() {
        let needle = Array("tion".utf8)
        for length in [4, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100] {
            for offset in 0...(length - needle.count) {
                var text = [UInt8](repeating: UInt8(ascii: "t"), count: length)
                for index in stride(from: 1, to: length, by: 3) { text[index] = UInt8(ascii: "n") }  // near misses
                text.replaceSubrange(offset..<(offset + needle.count), with: needle)
                let expected = Self.reference(text, needle, from: 0, caseless: false)
                for avx2: Int32 in LiteralSearch.hasAVX2 ? [0, 1] : [0] {
                    let found = text.withUnsafeBufferPointer { cpcre2_find_pair($0.baseAddress!, length, needle, needle.count, 0, 3, 0, avx2) }
                    #expect(found == expected ?? -1, "length \(length) offset \(offset) avx2 \(avx2)")
                }
            }
        }
    }

    @Test func newlineCountMatchesAScan() {
        var generator = SeededGenerator(seed: 3)
        for length in [0, 1, 31, 32, 33, 95, 1000] {
            let text = (0..<length).map { _ in generator.next() % 3 == 0 ? UInt8(10) : UInt8(ascii: "x") }
            for avx2: Int32 in LiteralSearch.hasAVX2 ? [0, 1] : [0] {
                #expect(text.withUnsafeBufferPointer { cpcre2_count_byte($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, length, 10, avx2) }
                        == text.filter { $0 == 10 }.count)
            }
        }
    }
}
