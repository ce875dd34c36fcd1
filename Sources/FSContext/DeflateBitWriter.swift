/// Writes DEFLATE's LSB-first bit stream into a buffer the caller sized (with 8 bytes of slack:
/// it stores 4 bytes at a time).
struct DeflateBitWriter {
    private var out: UnsafeMutablePointer<UInt8>
    private var buffer: UInt64 = 0
    private var count = 0

    /// A writer starting at `out`.
    init(_ out: UnsafeMutablePointer<UInt8>) {
        self.out = out
    }

    /// Appends the low `bitCount` bits of `bits` (at most 32 bits per call).
    @inline(__always)
    mutating func put(_ bits: UInt64, _ bitCount: Int) {
        buffer |= bits << UInt64(count)
        count += bitCount
        if count >= 32 {
            UnsafeMutableRawPointer(out).storeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian, as: UInt32.self)
            out += 4
            buffer >>= 32
            count -= 32
        }
    }

    /// Appends every byte's code from `table` (code in the low 16 bits, length above), two at a time.
    mutating func encode(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeMutablePointer<UInt32>) {
        guard let base = bytes.baseAddress else { return }
        var index = 0
        while index + 2 <= bytes.count {
            let first = table[Int(base[index])], second = table[Int(base[index + 1])]
            let firstLength = UInt64(first >> 16)
            put(UInt64(first & 0xFFFF) | UInt64(second & 0xFFFF) << firstLength, Int(firstLength) + Int(second >> 16))
            index += 2
        }
        if index < bytes.count {
            let last = table[Int(base[index])]
            put(UInt64(last & 0xFFFF), Int(last >> 16))
        }
    }

    /// Pads to a byte boundary with zero bits and writes out everything pending.
    mutating func alignToByte() {
        while count > 0 {
            out.pointee = UInt8(truncatingIfNeeded: buffer)
            out += 1
            buffer >>= 8
            count = max(0, count - 8)
        }
        buffer = 0
    }

    /// Stored (uncompressed) blocks of up to 65,535 bytes holding `bytes`; the last is final if `final`.
    mutating func writeStored(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) {
        var offset = 0
        repeat {
            let length = min(65_535, bytes.count - offset)
            put(final && offset + length == bytes.count ? 1 : 0, 1)
            put(0, 2)
            alignToByte()
            for value in [UInt16(length), ~UInt16(length)] {
                out[0] = UInt8(truncatingIfNeeded: value)
                out[1] = UInt8(truncatingIfNeeded: value >> 8)
                out += 2
            }
            if length > 0 { out.update(from: bytes.baseAddress! + offset, count: length) }
            out += length
            offset += length
        } while offset < bytes.count
    }

    /// Pads the last byte and returns the position after it.
    mutating func finish() -> UnsafeMutablePointer<UInt8> {
        alignToByte()
        return out
    }
}
