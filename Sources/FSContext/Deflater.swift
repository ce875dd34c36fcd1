import CDeflate
import CZlib

/// A reusable compressor for pack entries (zlib format, as git stores objects): FSContext's own
/// `HuffmanDeflater` for `.fastHuffman`, libdeflate for `.libdeflate`, a zlib stream for the zlib
/// strategies. One per thread: not thread-safe.
final class Deflater {
    private enum Engine {
        case fastHuffman(HuffmanDeflater)
        case libdeflate(OpaquePointer)
        case zlib(UnsafeMutablePointer<z_stream>)
    }

    private let engine: Engine

    /// Creates a compressor at `level` (zlib's 0–9, libdeflate's 0–12) with `strategy`.
    init(level: Int32, strategy: MaterializeOptions.DeflateStrategy) {
        let zlibStrategy: Int32
        switch strategy {
        case .fastHuffman:
            engine = .fastHuffman(HuffmanDeflater())
            return
        case .libdeflate:
            guard let compressor = libdeflate_alloc_compressor(level) else {
                preconditionFailure("libdeflate_alloc_compressor(\(level)) failed (out of memory or a level above 12)")
            }
            engine = .libdeflate(compressor)
            return
        case .huffmanOnly: zlibStrategy = Z_HUFFMAN_ONLY
        case .runLength: zlibStrategy = Z_RLE
        case .standard: zlibStrategy = Z_DEFAULT_STRATEGY
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15, 8, zlibStrategy,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit2 failed (\(status))")
        engine = .zlib(stream)
    }

    deinit {
        switch engine {
        case .fastHuffman: break
        case .libdeflate(let compressor): libdeflate_free_compressor(compressor)
        case .zlib(let stream):
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
    }

    /// Appends the zlib stream of `input` to `output`.
    func deflate(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        if case .fastHuffman(let huffman) = engine { return huffman.deflate(input, appendingTo: &output) }
        let bound = switch engine {
        case .fastHuffman: HuffmanDeflater.bound(input.count)
        case .libdeflate(let compressor): libdeflate_zlib_compress_bound(compressor, input.count)
        case .zlib(let stream): Int(deflateBound(stream, uLong(input.count)))
        }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        let produced: Int = output.withUnsafeMutableBytes { raw in
            let destination = raw.baseAddress!.advanced(by: start)
            switch engine {
            case .fastHuffman: preconditionFailure("handled above")
            case .libdeflate(let compressor):
                let source = input.baseAddress ?? UnsafeRawPointer(destination)  // never read when empty
                let count = libdeflate_zlib_compress(compressor, source, input.count, destination, bound)
                precondition(count > 0, "libdeflate_zlib_compress overflowed its own bound")
                return count
            case .zlib(let stream):
                return Deflater.zlibDeflate(stream, input, into: destination, capacity: bound)
            }
        }
        output.removeSubrange((start + produced)...)
    }

    private static func zlibDeflate(_ stream: UnsafeMutablePointer<z_stream>, _ input: UnsafeRawBufferPointer,
                                    into destination: UnsafeMutableRawPointer, capacity: Int) -> Int {
        deflateReset(stream)
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = destination.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(capacity)
        let status = CZlib.deflate(stream, Z_FINISH)
        precondition(status == Z_STREAM_END, "zlib deflate did not finish (\(status))")
        return Int(stream.pointee.total_out)
    }
}
