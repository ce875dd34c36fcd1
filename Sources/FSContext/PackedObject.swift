import CDeflate
import Foundation

/// The kinds of git object FSContext writes into packs, with their pack type codes.
enum GitObjectKind: UInt8, Sendable {
    case commit = 1, tree = 2, blob = 3

    var name: String {
        switch self {
        case .commit: "commit"
        case .tree: "tree"
        case .blob: "blob"
        }
    }
}

/// One git object encoded for a pack: its id, and its pack entry (type/size header followed by
/// the zlib-deflated content, no delta) with the entry's CRC-32 for the pack index.
struct PackedObject: Sendable {
    /// The 20-byte object id: SHA-1 of `"<kind> <size>\0"` followed by the content.
    let id: [UInt8]
    /// The pack entry bytes.
    let entry: [UInt8]
    /// CRC-32 of `entry`, as the pack index stores it.
    let crc32: UInt32

    /// Hashes and deflates `content` with `deflater`.
    init(kind: GitObjectKind, content: UnsafeRawBufferPointer, deflater: Deflater) {
        id = PackedObject.objectID(kind: kind, content: content)
        var entry: [UInt8] = []
        var size = content.count
        entry.append(UInt8(kind.rawValue << 4) | UInt8(size & 0x0F) | (size > 15 ? 0x80 : 0))
        size >>= 4
        while size > 0 {
            entry.append(UInt8(size & 0x7F) | (size > 127 ? 0x80 : 0))
            size >>= 7
        }
        deflater.deflate(content, appendingTo: &entry)
        self.entry = entry
        crc32 = entry.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
    }

    /// Hashes and deflates `bytes`.
    init(kind: GitObjectKind, bytes: [UInt8], deflater: Deflater) {
        self = bytes.withUnsafeBytes { PackedObject(kind: kind, content: $0, deflater: deflater) }
    }

    /// The git object id of `bytes` as an object of `kind`.
    static func objectID(kind: GitObjectKind, bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { objectID(kind: kind, content: $0) }
    }

    /// The blob id of the file at `url` and its size, read in pieces.
    static func objectID(ofFileAt url: URL) throws -> (id: [UInt8], size: Int) {
        guard let file = FileHandle(forReadingAtPath: url.path) else { throw FSContextError(.io, "cannot read \(url.path)") }
        defer { try? file.close() }
        let size = Int(try file.seekToEnd())
        try file.seek(toOffset: 0)
        var sha = SHA1Hasher()
        sha.update(Array("blob \(size)\0".utf8))
        var seen = 0
        while let chunk = try file.read(upToCount: 4 << 20), !chunk.isEmpty {
            sha.update(chunk)
            seen += chunk.count
        }
        guard seen == size else { throw FSContextError(.io, "\(url.path) changed while it was read") }
        return (sha.finalize(), size)
    }

    /// The git object id of `content` as an object of `kind`.
    static func objectID(kind: GitObjectKind, content: UnsafeRawBufferPointer) -> [UInt8] {
        var sha = SHA1Hasher()
        sha.update(Array("\(kind.name) \(content.count)\0".utf8))
        sha.update(content)
        return sha.finalize()
    }
}

extension GitOID {
    /// The id whose raw 20 bytes are `bytes`.
    init(bytes: [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(40)
        for byte in bytes { hex.append(digits[Int(byte >> 4)]); hex.append(digits[Int(byte & 15)]) }
        self.init(hex: String(decoding: hex, as: UTF8.self))!
    }

    /// The raw 20 bytes.
    var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(20)
        let utf8 = Array(hex.utf8)
        func value(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        for i in stride(from: 0, to: 40, by: 2) { out.append(value(utf8[i]) << 4 | value(utf8[i + 1])) }
        return out
    }
}
