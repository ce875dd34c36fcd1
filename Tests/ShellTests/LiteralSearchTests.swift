import CSearchKernels
import Foundation
import SharedValues
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
                    let found = text.withUnsafeBufferPointer { csearch_find_pair($0.baseAddress!, length, needle, needle.count, 0, 3, 0, avx2) }
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
                #expect(text.withUnsafeBufferPointer { csearch_count_byte($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, length, 10, avx2) }
                        == text.filter { $0 == 10 }.count)
            }
        }
    }

    /// Several literals by their rare bytes in one pass: the leftmost match, the longest there,
    /// as the per-literal search finds it, including literals whose rare byte sits late in them.
    @Test func alternativesInOnePassMatchReference() throws {
        // "pp" is found first (by its rare "p" at 0), but "ppp9" (rare "9" at 3) starts there too and is longer.
        var counts = Array(repeating: 1_000_000, count: 256)
        counts[Int(UInt8(ascii: "9"))] = 0
        counts[Int(UInt8(ascii: "p"))] = 1
        let late = try RegexMatcher(pcre: "", caseless: false, literal: nil, alternatives: [Array("pp".utf8), Array("ppp9".utf8)], byteCounts: counts)
        #expect(late.alternativeRareBytes != nil)
        let text = Array("xppp9".utf8)
        let hit = text.withUnsafeBufferPointer { late.firstMatch($0.baseAddress!, text.count, from: 0, late.makeScratch()) }
        #expect(hit?.0 == 1 && hit?.1 == 5)

        var generator = SeededGenerator(seed: 5)
        func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
        let alphabet = Array("abcAB xyz7\n".utf8)
        for round in 0..<3000 {
            let text = (0..<random(200)).map { _ in alphabet[random(alphabet.count)] }
            let literals = (0..<(2 + random(3))).map { _ in (0..<(1 + random(5))).map { _ in alphabet[random(alphabet.count)] } }
            let caseless = round % 3 == 0
            var counts = Array(repeating: 1_000_000, count: 256)
            for literal in literals { counts[Int(literal[random(literal.count)])] = 0 }  // one rare byte in each, anywhere
            guard let matcher = try? RegexMatcher(pcre: "", caseless: caseless, literal: nil, alternatives: literals, byteCounts: counts),
                  matcher.alternativeRareBytes != nil else { continue }
            let from = text.isEmpty ? 0 : random(text.count)
            var expected: (Int, Int)?
            for literal in literals {
                guard let start = Self.reference(text, literal, from: from, caseless: caseless) else { continue }
                if expected == nil || start < expected!.0 || (start == expected!.0 && start + literal.count > expected!.1) {
                    expected = (start, start + literal.count)
                }
            }
            let found = text.withUnsafeBufferPointer { buffer in
                matcher.firstMatch(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, text.count, from: from, matcher.makeScratch())
            }
            #expect(found?.0 == expected?.0 && found?.1 == expected?.1, "\(literals) in \(text) from \(from)")
        }
    }
}
