import Foundation

/// A streaming SHA-1, for git object ids and pack/index checksums.
///
/// Written here rather than taken from a crypto library so that FSContext needs nothing
/// beyond libgit2 and zlib; it is only used where git itself mandates SHA-1.
struct SHA1: Sendable {
    private var h0: UInt32 = 0x6745_2301, h1: UInt32 = 0xEFCD_AB89, h2: UInt32 = 0x98BA_DCFE
    private var h3: UInt32 = 0x1032_5476, h4: UInt32 = 0xC3D2_E1F0
    private var pending = [UInt8](repeating: 0, count: 64)
    private var pendingCount = 0
    private var totalBytes: UInt64 = 0

    init() {}

    /// Adds bytes to the hash.
    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var base = buffer.baseAddress, buffer.count > 0 else { return }
        var remaining = buffer.count
        totalBytes &+= UInt64(remaining)
        if pendingCount > 0 {
            let take = min(64 - pendingCount, remaining)
            pending.withUnsafeMutableBytes { ($0.baseAddress! + pendingCount).copyMemory(from: base, byteCount: take) }
            pendingCount += take; base += take; remaining -= take
            guard pendingCount == 64 else { return }
            pending.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: 1) }
            pendingCount = 0
        }
        let blocks = remaining / 64
        if blocks > 0 { compress(blocks: base, count: blocks) }
        base += blocks * 64; remaining -= blocks * 64
        if remaining > 0 {
            pending.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: base, byteCount: remaining) }
            pendingCount = remaining
        }
    }

    /// Adds bytes to the hash.
    mutating func update<C: ContiguousBytes>(_ bytes: C) { bytes.withUnsafeBytes { update($0) } }

    /// Finishes and returns the 20-byte digest.
    mutating func finalize() -> [UInt8] {
        let bitLength = totalBytes &* 8
        var tail: [UInt8] = [0x80]
        let padding = (55 - Int(totalBytes % 64) + 64) % 64
        tail += [UInt8](repeating: 0, count: padding)
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        update(tail)
        var digest: [UInt8] = []
        digest.reserveCapacity(20)
        for word in [h0, h1, h2, h3, h4] {
            digest += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return digest
    }

    /// The SHA-1 of one buffer.
    static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var sha = SHA1()
        sha.update(buffer)
        return sha.finalize()
    }

    @inline(__always)
    private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 &- n)) }

    private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
        var a0 = h0, b0 = h1, c0 = h2, d0 = h3, e0 = h4
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for block in 0..<count {
                let p = blocks + block * 64
                for i in 0..<16 { w[i] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
                for i in 16..<80 { w[i] = SHA1.rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1) }
                var a = a0, b = b0, c = c0, d = d0, e = e0
                for i in 0..<20 {
                    let t = SHA1.rotl(a, 5) &+ ((b & c) | (~b & d)) &+ e &+ 0x5A82_7999 &+ w[i]
                    e = d; d = c; c = SHA1.rotl(b, 30); b = a; a = t
                }
                for i in 20..<40 {
                    let t = SHA1.rotl(a, 5) &+ (b ^ c ^ d) &+ e &+ 0x6ED9_EBA1 &+ w[i]
                    e = d; d = c; c = SHA1.rotl(b, 30); b = a; a = t
                }
                for i in 40..<60 {
                    let t = SHA1.rotl(a, 5) &+ ((b & c) | (b & d) | (c & d)) &+ e &+ 0x8F1B_BCDC &+ w[i]
                    e = d; d = c; c = SHA1.rotl(b, 30); b = a; a = t
                }
                for i in 60..<80 {
                    let t = SHA1.rotl(a, 5) &+ (b ^ c ^ d) &+ e &+ 0xCA62_C1D6 &+ w[i]
                    e = d; d = c; c = SHA1.rotl(b, 30); b = a; a = t
                }
                a0 &+= a; b0 &+= b; c0 &+= c; d0 &+= d; e0 &+= e
            }
        }
        h0 = a0; h1 = b0; h2 = c0; h3 = d0; h4 = e0
    }
}
