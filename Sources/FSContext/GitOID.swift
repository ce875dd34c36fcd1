import CGit2

/// A git object id (SHA-1), stored as its 40-character lowercase hex form.
public struct GitOID: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The 40-character lowercase hex form.
    public let hex: String

    /// Creates an id from its hex form; returns nil unless it is 40 hex digits.
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 40, lower.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
        else { return nil }
        self.hex = lower
    }

    init(_ oid: git_oid) {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 41)
        _ = git_oid_fmt(&buffer, &copy)
        buffer[40] = 0
        self.hex = buffer.withUnsafeBufferPointer { String(decoding: UnsafeRawBufferPointer($0).prefix(40), as: UTF8.self) }
    }

    var raw: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstrn(&oid, hex, 40)
        return oid
    }

    /// The first seven hex digits, as git abbreviates.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func < (lhs: GitOID, rhs: GitOID) -> Bool { lhs.hex < rhs.hex }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let oid = GitOID(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a git object id: \(text)"))
        }
        self = oid
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
