import CZlib

/// A reusable zlib deflate stream for pack entries (zlib format, as git stores objects).
/// One per thread: not thread-safe.
final class Deflater {
    private var stream = z_stream()

    /// Creates a stream at zlib `level` with `strategy`.
    init(level: Int32, strategy: MaterializeOptions.DeflateStrategy) {
        let zlibStrategy = switch strategy {
        case .huffmanOnly: Z_HUFFMAN_ONLY
        case .runLength: Z_RLE
        case .standard: Z_DEFAULT_STRATEGY
        }
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15, 8, zlibStrategy,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed (\(status))")
    }

    deinit { deflateEnd(&stream) }

    /// Appends the zlib stream of `input` to `output`.
    func deflate(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        deflateReset(&stream)
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        let start = output.count
        output.reserveCapacity(start + bound)
        output.append(contentsOf: repeatElement(0, count: bound))
        let produced: Int = output.withUnsafeMutableBytes { raw in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = raw.baseAddress!.advanced(by: start).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(bound)
            let status = CZlib.deflate(&stream, Z_FINISH)
            precondition(status == Z_STREAM_END, "zlib deflate did not finish (\(status))")
            return Int(stream.total_out)
        }
        output.removeSubrange((start + produced)...)
    }
}
