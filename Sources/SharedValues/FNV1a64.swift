/// FNV-1a, 64 bits: a fast, stable, non-cryptographic hash for fingerprints and names
/// (replay fingerprints of model requests, sub-call names). Fields added with `add(_:)` are
/// each closed by a 0xFF byte, which never occurs in UTF-8, so ("ab","c") ≠ ("a","bc").
public struct FNV1a64: Sendable {
    /// The hash so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A fresh hash.
    public init() {}

    /// Adds one field: its UTF-8 bytes, then 0xFF.
    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { mix(byte) }
        }
        mix(0xFF)
    }

    /// The hash as 16 lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01b3
    }
}
