/// Parses one JSONL line as a JSON object, validating all of it, and pulls out the string (or
/// number) values of a few top-level fields without building the rest. Fast enough to keep
/// up with pack writing on multi-hundred-MB inputs; a malformed line gives a reason, not a throw.
struct JSONLineParser {
    /// The fields to extract, by name.
    let fields: [String]
    /// Fields taken only when their value is a string (others also take a number's literal text).
    var stringOnly: Set<String> = []

    /// What a line held: the raw UTF-8 bytes of each wanted field that was present (numbers as
    /// their literal text), or why the line is not a JSON object.
    enum Outcome {
        case object([String: [UInt8]])
        case malformed(String)
    }

    private struct Failure: Error { let reason: String }

    /// Parses `line` (trailing whitespace and `\n` allowed).
    func parse(_ line: UnsafeRawBufferPointer) -> Outcome {
        var scanner = Scanner(bytes: line.bindMemory(to: UInt8.self), wanted: fields.map { Array($0.utf8) },
                              numbersAllowed: fields.map { !stringOnly.contains($0) })
        do {
            if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { scanner.index = 3 }  // a UTF-8 BOM
            scanner.skipSpace()
            guard scanner.peek() == UInt8(ascii: "{") else { throw Failure(reason: "not a JSON object") }
            try scanner.parseObject(topLevel: true)
            scanner.skipSpace()
            guard scanner.atEnd else { throw Failure(reason: "extra text after the JSON object at column \(scanner.index + 1)") }
        } catch let failure as Failure {
            return .malformed(failure.reason)
        } catch {
            return .malformed("\(error)")
        }
        var found: [String: [UInt8]] = [:]
        for (index, name) in fields.enumerated() { if let value = scanner.values[index] { found[name] = value } }
        return .object(found)
    }

    /// Whether any byte of `word` is `"`, `\\` or below 0x20 (SWAR test).
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }
        let quote = zeroByte(word ^ (ones &* 0x22))
        let backslash = zeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & high
        return (quote | backslash | control) != 0
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let wanted: [[UInt8]]
        let numbersAllowed: [Bool]
        var values: [[UInt8]?]
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, wanted: [[UInt8]], numbersAllowed: [Bool]) {
            self.bytes = bytes
            self.wanted = wanted
            self.numbersAllowed = numbersAllowed
            values = Array(repeating: nil, count: wanted.count)
        }

        var atEnd: Bool { index >= bytes.count }
        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard peek() == byte else {
                throw Failure(reason: "expected '\(Character(UnicodeScalar(byte)))' at column \(index + 1)")
            }
            index += 1
        }

        mutating func parseObject(topLevel: Bool) throws {
            try expect(UInt8(ascii: "{"))
            skipSpace()
            if peek() == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { throw Failure(reason: "expected a field name at column \(index + 1)") }
                let key = try parseString()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if topLevel, let slot = wanted.firstIndex(of: key) {
                    if peek() == UInt8(ascii: "\"") {
                        values[slot] = try parseString()
                    } else {
                        let start = index
                        try skipValue()
                        let literal = Array(bytes[start..<index])
                        if numbersAllowed[slot], let first = literal.first, first == UInt8(ascii: "-") || (first >= 48 && first <= 57) {
                            values[slot] = literal
                        }
                    }
                } else {
                    try skipValue()
                }
                skipSpace()
                guard let next = peek() else { throw Failure(reason: "unterminated object (missing '}')") }
                index += 1
                if next == UInt8(ascii: "}") { return }
                guard next == UInt8(ascii: ",") else { throw Failure(reason: "expected ',' or '}' at column \(index)") }
            }
        }

        mutating func skipValue() throws {
            skipSpace()
            guard let byte = peek() else { throw Failure(reason: "a value is missing at the end of the line") }
            switch byte {
            case UInt8(ascii: "{"): try parseObject(topLevel: false)
            case UInt8(ascii: "["):
                index += 1
                skipSpace()
                if peek() == UInt8(ascii: "]") { index += 1; return }
                while true {
                    try skipValue()
                    skipSpace()
                    guard let next = peek() else { throw Failure(reason: "unterminated array (missing ']')") }
                    index += 1
                    if next == UInt8(ascii: "]") { return }
                    guard next == UInt8(ascii: ",") else { throw Failure(reason: "expected ',' or ']' at column \(index)") }
                }
            case UInt8(ascii: "\""): _ = try parseString()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: try skipNumber()
            }
        }

        mutating func literal(_ word: String) throws {
            for expected in word.utf8 {
                guard peek() == expected else { throw Failure(reason: "invalid literal at column \(index + 1)") }
                index += 1
            }
        }

        mutating func skipNumber() throws {
            let start = index
            if peek() == UInt8(ascii: "-") { index += 1 }
            var digits = 0
            while let b = peek(), (b >= 48 && b <= 57) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                index += 1
                digits += 1
            }
            if digits == 0 { index = start; throw Failure(reason: "unexpected character at column \(start + 1)") }
        }

        /// Parses a string starting at `"`, returning its decoded UTF-8 bytes.
        mutating func parseString() throws -> [UInt8] {
            index += 1
            var out: [UInt8] = []
            var runStart = index
            while true {
                guard index < bytes.count else { throw Failure(reason: "unterminated string") }
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    out.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    return out
                }
                if b < 0x20 { throw Failure(reason: "control character inside a string at column \(index + 1)") }
                if b != UInt8(ascii: "\\") {
                    index += 1
                    // Skip plain bytes eight at a time: no quote, backslash or control byte.
                    while index + 8 <= bytes.count {
                        let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                        if JSONLineParser.hasSpecialByte(word) { break }
                        index += 8
                    }
                    continue
                }
                out.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { throw Failure(reason: "unterminated string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800, scalar < 0xDC00, index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        scalar = low >= 0xDC00 && low < 0xE000 ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    }
                    out.append(contentsOf: Array(String(Character(UnicodeScalar(scalar) ?? "\u{FFFD}")).utf8))
                default: throw Failure(reason: "bad escape '\\\(Character(UnicodeScalar(escape)))' at column \(index - 1)")
                }
                runStart = index
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw Failure(reason: "short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt32
                switch b {
                case 48...57: digit = UInt32(b - 48)
                case 65...70: digit = UInt32(b - 55)
                case 97...102: digit = UInt32(b - 87)
                default: throw Failure(reason: "bad \\u escape at column \(index + 1)")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
