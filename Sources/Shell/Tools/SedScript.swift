/// A parsed `sed` script: GNU sed's commands `s`, `y`, `p`, `d`, `q`, `Q`, `=` with line,
/// `$` and `/regex/` addresses, ranges and `!`.
struct SedScript {
    enum Address {
        case line(Int)
        case last
        case pattern(PosixRegex)
    }

    enum Action {
        case substitute(regex: PosixRegex?, replacement: [UInt8], global: Bool, occurrence: Int, print: Bool)
        case transliterate([UInt8: UInt8])
        case print
        case delete
        case quit(Int32, printFirst: Bool)
        case lineNumber
    }

    final class Command {
        let first: Address?
        let second: Address?
        let negated: Bool
        let action: Action
        /// Whether a range is open (between its first and last line).
        var inRange = false
        var rangeEndLine = 0

        init(first: Address?, second: Address?, negated: Bool, action: Action) {
            self.first = first
            self.second = second
            self.negated = negated
            self.action = action
        }
    }

    var commands: [Command] = []

    /// Parses `text`; the error is GNU-like (`unknown command: 'x'`).
    init(_ text: String, extended: Bool) throws(ShellError) {
        var parser = Parser(bytes: Array(text.utf8), extended: extended)
        while true {
            parser.skip(separators: true)
            guard parser.index < parser.bytes.count else { break }
            commands.append(try parser.command())
        }
    }

    struct Parser {
        let bytes: [UInt8]
        let extended: Bool
        var index = 0

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skip(separators: Bool) {
            while let c = current, c == 32 || c == 9 || (separators && (c == 59 || c == 10)) { index += 1 }
        }

        func failure(_ message: String) -> ShellError {
            ShellError(.badInput, "-e expression #1, char \(index): \(message)")
        }

        mutating func command() throws(ShellError) -> Command {
            let first = try address()
            var second: Address?
            if first != nil, current == UInt8(ascii: ",") {
                index += 1
                skip(separators: false)
                guard let end = try address() else { throw failure("unexpected `,'") }
                second = end
            }
            skip(separators: false)
            var negated = false
            while current == UInt8(ascii: "!") { negated = true; index += 1; skip(separators: false) }
            guard let name = current else { throw failure("missing command") }
            index += 1
            let action: Action
            switch name {
            case UInt8(ascii: "s"): action = try substitution()
            case UInt8(ascii: "y"): action = try transliteration()
            case UInt8(ascii: "p"): action = .print
            case UInt8(ascii: "d"): action = .delete
            case UInt8(ascii: "="): action = .lineNumber
            case UInt8(ascii: "q"), UInt8(ascii: "Q"):
                skip(separators: false)
                var digits = ""
                while let c = current, (48...57).contains(c) { digits.append(Character(UnicodeScalar(c))); index += 1 }
                action = .quit(Int32(digits) ?? 0, printFirst: name == UInt8(ascii: "q"))
            default:
                throw failure("unknown command: `\(Character(UnicodeScalar(name)))' (supported: s y p d q Q =)")
            }
            skip(separators: false)
            if let c = current, c != 59 && c != 10 && c != UInt8(ascii: "}") {
                throw failure("extra characters after command")
            }
            return Command(first: first, second: second, negated: negated, action: action)
        }

        mutating func address() throws(ShellError) -> Address? {
            guard let c = current else { return nil }
            if c == UInt8(ascii: "$") { index += 1; return .last }
            if (48...57).contains(c) {
                var value = 0
                while let d = current, (48...57).contains(d) { value = value * 10 + Int(d - 48); index += 1 }
                guard value > 0 else { throw failure("invalid usage of line address 0") }
                return .line(value)
            }
            if c == UInt8(ascii: "/") || c == 92 {
                if c == 92 { index += 1 }
                guard let delimiter = current else { throw failure("unterminated address regex") }
                index += 1
                let pattern = try delimited(delimiter, what: "address regex")
                var ignoreCase = false
                while current == UInt8(ascii: "I") { ignoreCase = true; index += 1 }
                return .pattern(try compile(pattern, ignoreCase: ignoreCase))
            }
            return nil
        }

        /// Reads up to the next unescaped `delimiter`; `\delimiter` becomes the delimiter itself.
        mutating func delimited(_ delimiter: UInt8, what: String) throws(ShellError) -> [UInt8] {
            var text: [UInt8] = []
            var inBracket = false
            while let c = current {
                if c == 92, index + 1 < bytes.count {
                    let next = bytes[index + 1]
                    if next == delimiter && delimiter != 92 { text.append(next) }
                    else if next == UInt8(ascii: "n") { text.append(10) }
                    else { text += [92, next] }
                    index += 2
                    continue
                }
                if c == UInt8(ascii: "[") && !inBracket { inBracket = true }
                else if c == UInt8(ascii: "]") && inBracket { inBracket = false }
                if c == delimiter && !inBracket { index += 1; return text }
                text.append(c)
                index += 1
            }
            throw failure("unterminated \(what)")
        }

        func compile(_ pattern: [UInt8], ignoreCase: Bool) throws(ShellError) -> PosixRegex {
            do {
                return try PosixRegex(String(decoding: pattern, as: UTF8.self), extended: extended, ignoreCase: ignoreCase)
            } catch {
                throw failure(error.message)
            }
        }

        mutating func substitution() throws(ShellError) -> Action {
            guard let delimiter = current, delimiter != 10, delimiter != 92 else { throw failure("unterminated `s' command") }
            index += 1
            let pattern = try delimited(delimiter, what: "`s' command")
            var replacement: [UInt8] = []
            while true {
                guard let c = current else { throw failure("unterminated `s' command") }
                index += 1
                if c == delimiter { break }
                if c == 92, let next = current {
                    index += 1
                    if next == delimiter { replacement.append(next) } else { replacement += [92, next] }
                    continue
                }
                replacement.append(c)
            }
            var global = false
            var occurrence = 1
            var print = false
            var ignoreCase = false
            while let c = current {
                switch c {
                case UInt8(ascii: "g"): global = true
                case UInt8(ascii: "p"): print = true
                case UInt8(ascii: "i"), UInt8(ascii: "I"): ignoreCase = true
                case 48...57:
                    var value = 0
                    while let d = current, (48...57).contains(d) { value = value * 10 + Int(d - 48); index += 1 }
                    guard value > 0 else { throw failure("number option to `s' command may not be zero") }
                    occurrence = value
                    continue
                case 32, 9, 59, 10, UInt8(ascii: "}"):
                    return .substitute(regex: pattern.isEmpty ? nil : try compile(pattern, ignoreCase: ignoreCase),
                                       replacement: replacement, global: global, occurrence: occurrence, print: print)
                default:
                    throw failure("unknown option to `s'")
                }
                index += 1
            }
            return .substitute(regex: pattern.isEmpty ? nil : try compile(pattern, ignoreCase: ignoreCase),
                               replacement: replacement, global: global, occurrence: occurrence, print: print)
        }

        mutating func transliteration() throws(ShellError) -> Action {
            guard let delimiter = current else { throw failure("unterminated `y' command") }
            index += 1
            let source = try delimited(delimiter, what: "`y' command")
            let target = try delimited(delimiter, what: "`y' command")
            func unescape(_ text: [UInt8]) -> [UInt8] {
                var result: [UInt8] = []
                var position = 0
                while position < text.count {
                    if text[position] == 92, position + 1 < text.count {
                        let next = text[position + 1]
                        result.append(next == UInt8(ascii: "t") ? 9 : next == UInt8(ascii: "n") ? 10 : next)
                        position += 2
                    } else {
                        result.append(text[position])
                        position += 1
                    }
                }
                return result
            }
            let from = unescape(source)
            let to = unescape(target)
            guard from.count == to.count else { throw failure("strings for `y' command are different lengths") }
            return .transliterate(Dictionary(zip(from, to), uniquingKeysWith: { first, _ in first }))
        }
    }
}
