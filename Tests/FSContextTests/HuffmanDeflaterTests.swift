import CZlib
import Testing
@testable import FSContext

@Suite("Huffman-only deflate")
struct HuffmanDeflaterTests {
    /// zlib's `uncompress` of a whole zlib stream, or nil when zlib rejects it.
    private func inflate(_ stream: [UInt8], expectedCount: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: max(1, expectedCount))
        var length = uLongf(output.count)
        let status = output.withUnsafeMutableBufferPointer { out in
            stream.withUnsafeBufferPointer { uncompress(out.baseAddress, &length, $0.baseAddress, uLong(stream.count)) }
        }
        return status == Z_OK ? Array(output.prefix(Int(length))) : nil
    }

    @Test("zlib inflates what it writes, for empty, tiny, skewed, random and multi-block inputs")
    func zlibInflatesEveryShape() {
        var random = SystemRandomNumberGenerator()
        // Fibonacci frequencies force a Huffman tree deeper than DEFLATE's 15-bit limit.
        var fibonacci: [UInt8] = []
        var (a, b) = (1, 1)
        for symbol in 0..<24 { fibonacci += repeatElement(UInt8(symbol), count: a); (a, b) = (b, a + b) }
        let inputs: [[UInt8]] = [
            [], [0x41], [0x41, 0x41], Array("hello, world\n".utf8), [UInt8](repeating: 0, count: 300_000),
            Array(0...255), fibonacci.shuffled(using: &random),
            (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &random) },
            (0..<400_000).map { index in index % 3 == 0 ? UInt8.random(in: 97...122, using: &random) : 0x20 },
        ]
        let deflater = HuffmanDeflater()
        for input in inputs {
            var stream: [UInt8] = [0xAA]  // appends after what is there
            input.withUnsafeBytes { deflater.deflate($0, appendingTo: &stream) }
            #expect(stream.count - 1 <= HuffmanDeflater.bound(input.count))
            #expect(inflate(Array(stream.dropFirst()), expectedCount: input.count) == input, "input of \(input.count) bytes")
        }
    }

    @Test("codes are complete and length-limited, even where plain Huffman would go deeper")
    func codesAreCompleteAndLimited() {
        var fibonacci = [UInt32](repeating: 0, count: 257)
        var (a, b): (UInt32, UInt32) = (1, 1)
        for symbol in 0..<30 { fibonacci[symbol] = a; (a, b) = (b, a + b) }  // unlimited depth would be 29
        for (frequencies, limit) in [(fibonacci, 15), ([UInt32](repeating: 0, count: 257), 15), ([5] + [UInt32](repeating: 0, count: 18), 7)] {
            let code = HuffmanCode(frequencies: frequencies, limit: limit)
            #expect(code.lengths.max()! <= limit)
            let kraft = code.lengths.filter { $0 > 0 }.reduce(0.0) { $0 + 1 / Double(1 << Int($1)) }
            #expect(kraft == 1, "lengths \(code.lengths.filter { $0 > 0 })")
            for (symbol, frequency) in frequencies.enumerated() where frequency > 0 { #expect(code.lengths[symbol] > 0) }
        }
    }

    @Test("on prose it is as small as zlib's Huffman-only strategy")
    func sizeMatchesZlibHuffmanOnly() {
        var random = SystemRandomNumberGenerator()
        let words = ["the", "keeper", "of", "light", "and", "ship", "harbour", "in", "1902", "was"].map { Array($0.utf8) }
        var prose: [UInt8] = []
        while prose.count < 20_000 { prose += words[Int.random(in: 0..<words.count, using: &random)] + [0x20] }
        var ours: [UInt8] = [], zlib: [UInt8] = []
        prose.withUnsafeBytes {
            HuffmanDeflater().deflate($0, appendingTo: &ours)
            Deflater(level: 1, strategy: .huffmanOnly).deflate($0, appendingTo: &zlib)
        }
        #expect(Double(ours.count) <= Double(zlib.count) * 1.02, "ours \(ours.count), zlib \(zlib.count)")
    }
}
