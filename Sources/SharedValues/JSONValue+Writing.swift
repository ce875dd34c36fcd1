import Foundation

extension JSONValue {
    /// JSON text written directly, byte for byte what `JSONEncoder` writes with `.sortedKeys`
    /// and `.withoutEscapingSlashes` (plus `.prettyPrinted` when `pretty`): keys in UTF-8 byte
    /// order, `\b \t \n \f \r \" \\` and `\u00xx` for other control characters, whole numbers as
    /// integers. It skips `Encodable`'s per-node machinery, which cost a model request's body
    /// (the whole conversation) about a millisecond per turn. Nil when a number is not finite
    /// (which `JSONEncoder` refuses too).
    public func writtenText(pretty: Bool = false) -> String? {
        var writer = JSONTextWriter(pretty: pretty)
        guard writer.write(self, depth: 0) else { return nil }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// The writer behind `JSONValue.writtenText(pretty:)`.
private struct JSONTextWriter {
    let pretty: Bool
    var bytes: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
        bytes.reserveCapacity(4096)
    }

    mutating func write(_ value: JSONValue, depth: Int) -> Bool {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number(let number):
            guard number.isFinite else { return false }
            if number.rounded() == number, abs(number) < 1e15 {
                append(String(Int64(number)))
            } else {
                append(Self.encoderText(number))
            }
        case .string(let text): writeString(text)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            if pretty && items.isEmpty { emptyContainerBody(depth) }
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                guard write(item, depth: depth + 1) else { return false }
            }
            if !items.isEmpty { newline(depth) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            if pretty && members.isEmpty { emptyContainerBody(depth) }
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(key)
                append(pretty ? " : " : ":")
                guard write(members[key]!, depth: depth + 1) else { return false }
            }
            if !keys.isEmpty { newline(depth) }
            bytes.append(UInt8(ascii: "}"))
        }
        return true
    }

    /// `JSONEncoder`'s pretty form of an empty container: a blank line, then the closing
    /// bracket at the container's indentation.
    private mutating func emptyContainerBody(_ depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        newline(depth)
    }

    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x08: append("\\b")
            case 0x09: append("\\t")
            case 0x0A: append("\\n")
            case 0x0C: append("\\f")
            case 0x0D: append("\\r")
            case 0x00..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A fractional or very large number as `JSONEncoder` spells it (`1e-05`, `1e+21`): rare
    /// in records, so it is left to the encoder itself.
    private static func encoderText(_ number: Double) -> String {
        let encoder = JSONEncoder()
        guard let data = try? encoder.encode([number]) else { return "null" }
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
