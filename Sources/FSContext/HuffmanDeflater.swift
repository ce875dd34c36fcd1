import CDeflate

/// Huffman-only DEFLATE in zlib format (what git stores): each block of up to `blockBytes` gets
/// its own literal code from its byte histogram (no match search), or is stored as is when that
/// would be smaller. Same output size as zlib's `Z_HUFFMAN_ONLY`, several times faster, since it
/// makes two tight passes over the bytes (count, then encode) and keeps no window or hash chain.
/// One per thread: not thread-safe (it reuses its tables).
final class HuffmanDeflater {
    /// Bytes per block: big enough to amortise the ~60-byte code header, small enough to adapt.
    static let blockBytes = 128 << 10
    private let histogram = UnsafeMutablePointer<UInt32>.allocate(capacity: 4 * 256)
    /// Per byte: its bit-reversed code in the low 16 bits, its length above.
    private let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)

    deinit {
        histogram.deallocate()
        table.deallocate()
    }

    /// The most bytes `deflate` can produce for `count` input bytes.
    static func bound(_ count: Int) -> Int {
        count + 5 * (count / 65_535 + 2 * (count / blockBytes + 1)) + 16
    }

    /// Appends the zlib stream of `input` to `output`.
    func deflate(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        let start = output.count
        let capacity = HuffmanDeflater.bound(input.count) + 8  // the bit writer stores 4 bytes at a time
        output.append(contentsOf: repeatElement(0, count: capacity))
        let produced: Int = output.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!.advanced(by: start).assumingMemoryBound(to: UInt8.self)
            base[0] = 0x78  // deflate, 32 KB window
            base[1] = 0x01  // fastest; (0x78 << 8 | 0x01) % 31 == 0
            var writer = DeflateBitWriter(base + 2)
            let bytes = input.bindMemory(to: UInt8.self)
            var offset = 0
            repeat {
                let end = min(bytes.count, offset + HuffmanDeflater.blockBytes)
                writeBlock(UnsafeBufferPointer(rebasing: bytes[offset..<end]), final: end == bytes.count, into: &writer)
                offset = end
            } while offset < bytes.count
            var out = writer.finish()
            let adler = UInt32(libdeflate_adler32(1, input.baseAddress, input.count))
            for shift in [24, 16, 8, 0] {
                out.pointee = UInt8(truncatingIfNeeded: adler >> UInt32(shift))
                out += 1
            }
            return out - base
        }
        precondition(produced <= capacity - 8, "HuffmanDeflater exceeded its bound")
        output.removeSubrange((start + produced)...)
    }

    /// One block (split into stored blocks of 64 KB when coding would not pay).
    private func writeBlock(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, into writer: inout DeflateBitWriter) {
        var frequencies = countBytes(bytes)
        frequencies.append(1)  // end of block
        let literals = HuffmanCode(frequencies: frequencies, limit: 15)
        let header = DynamicBlockHeader(literals: literals)
        var codedBits = header.bitCount
        for symbol in 0...256 { codedBits += Int(frequencies[symbol]) * Int(literals.lengths[symbol]) }
        let storedPieces = max(1, (bytes.count + 65_534) / 65_535)
        guard codedBits < (bytes.count + 5 * storedPieces) * 8 else {
            writer.writeStored(bytes, final: final)
            return
        }
        writer.put(final ? 1 : 0, 1)
        writer.put(2, 2)  // dynamic Huffman codes
        header.write(into: &writer)
        for symbol in 0..<256 { table[symbol] = UInt32(literals.codes[symbol]) | UInt32(literals.lengths[symbol]) << 16 }
        writer.encode(bytes, table: table)
        writer.put(UInt64(literals.codes[256]), Int(literals.lengths[256]))
    }

    /// Byte frequencies, counted into four tables so that repeated bytes do not stall on one counter.
    private func countBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        histogram.initialize(repeating: 0, count: 4 * 256)
        var index = 0
        if let base = bytes.baseAddress {
            while index + 4 <= bytes.count {
                histogram[Int(base[index])] &+= 1
                histogram[256 + Int(base[index + 1])] &+= 1
                histogram[512 + Int(base[index + 2])] &+= 1
                histogram[768 + Int(base[index + 3])] &+= 1
                index += 4
            }
            while index < bytes.count {
                histogram[Int(base[index])] &+= 1
                index += 1
            }
        }
        return (0..<256).map { histogram[$0] &+ histogram[256 + $0] &+ histogram[512 + $0] &+ histogram[768 + $0] }
    }
}
