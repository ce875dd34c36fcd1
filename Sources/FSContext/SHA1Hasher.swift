import Crypto
import Foundation

/// SHA-1 for git object ids and pack checksums: swift-crypto's `Insecure.SHA1` (BoringSSL on
/// Linux, with the CPU's SHA instructions where it has them; CryptoKit on Apple platforms).
struct SHA1Hasher {
    private var hash = Insecure.SHA1()

    /// A fresh hash.
    init() {}

    /// Adds bytes.
    mutating func update(_ buffer: UnsafeRawBufferPointer) { hash.update(bufferPointer: buffer) }

    /// Adds bytes.
    mutating func update<C: ContiguousBytes>(_ bytes: C) { bytes.withUnsafeBytes { update($0) } }

    /// The 20-byte digest.
    mutating func finalize() -> [UInt8] { Array(hash.finalize()) }

    /// The digest of `buffer` in one call.
    static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA1Hasher()
        hasher.update(buffer)
        return hasher.finalize()
    }
}
