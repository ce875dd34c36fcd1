/// Translates the regex dialects grep accepts into PCRE2 syntax: POSIX basic (`-G`, GNU's
/// reading: `\|`, `\+`, `\?`, `\<`, `\>`), POSIX extended (`-E`), fixed strings (`-F`), and
/// Perl (`-P`, passed through).
enum RegexSyntax: Sendable {
    case basic, extended, fixed, perl

    /// The PCRE2 pattern for one grep pattern (one line of `-e`).
    func translate(_ pattern: String) -> String {
        switch self {
        case .perl: return pattern
        case .fixed: return Self.quoteLiteral(pattern)
        case .basic, .extended: return Self.translatePOSIX(Array(pattern.utf8), basic: self == .basic)
        }
    }

    /// The literal text of a pattern that has no regex meaning at all, or nil.
    func literal(_ pattern: String) -> String? {
        if self == .fixed { return pattern }
        let special: Set<Character> = self == .basic ? [".", "[", "]", "*", "^", "$", "\\"]
            : [".", "[", "]", "*", "^", "$", "\\", "(", ")", "{", "}", "|", "+", "?"]
        return pattern.contains(where: { special.contains($0) }) ? nil : pattern
    }

    static func quoteLiteral(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\^$.|?*+()[]{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    static func translatePOSIX(_ p: [UInt8], basic: Bool) -> String {
        var out = ""
        var index = 0
        /// Whether the last thing emitted was the start of an expression (where `*` is literal in BRE).
        var atStart = true
        func emit(_ text: String, start: Bool = false) { out += text; atStart = start }
        while index < p.count {
            let c = p[index]
            let ch = Character(UnicodeScalar(c))
            index += 1
            switch ch {
            case "\\":
                guard index < p.count else { emit("\\\\"); break }
                let next = Character(UnicodeScalar(p[index]))
                index += 1
                switch next {
                case "(" where basic: emit("(", start: true)
                case ")" where basic: emit(")")
                case "{" where basic: emit("{")
                case "}" where basic: emit("}")
                case "|" where basic: emit("|", start: true)
                case "+" where basic, "?" where basic: emit(atStart ? "\\" + String(next) : String(next))
                case "<": emit("\\b(?=\\w)")
                case ">": emit("\\b(?<=\\w)")
                case "`": emit("\\A")
                case "'": emit("\\z")
                case "w", "W", "s", "S", "b", "B": emit("\\" + String(next))
                default:
                    if next.isLetter || next.isNumber {
                        emit(next.isNumber ? "\\" + String(next) : String(next))
                    } else {
                        emit("\\" + String(next))
                    }
                }
            case "[":
                var j = index
                var cls = "["
                if j < p.count && p[j] == UInt8(ascii: "^") { cls += "^"; j += 1 }
                if j < p.count && p[j] == UInt8(ascii: "]") { cls += "\\]"; j += 1 }
                var closed = false
                while j < p.count {
                    let d = p[j]
                    if d == UInt8(ascii: "]") { closed = true; j += 1; break }
                    if d == UInt8(ascii: "["), j + 1 < p.count, [UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: ".")].contains(p[j + 1]) {
                        let kind = p[j + 1]
                        var k = j + 2
                        while k + 1 < p.count && !(p[k] == kind && p[k + 1] == UInt8(ascii: "]")) { k += 1 }
                        let name = String(decoding: p[(j + 2)..<min(k, p.count)], as: UTF8.self)
                        cls += kind == UInt8(ascii: ":") ? "[:\(name):]" : quoteLiteral(name)
                        j = k + 2
                        continue
                    }
                    if d == UInt8(ascii: "\\") || d == UInt8(ascii: "[") { cls += "\\" }
                    cls += String(decoding: [d], as: UTF8.self)
                    j += 1
                }
                if closed { emit(cls + "]"); index = j } else { emit("\\[") }
            case "*":
                emit(atStart ? "\\*" : "*")
            case "^":
                if basic && !atStart { emit("\\^") } else { emit("^", start: true) }
            case "$":
                let rest = p[index...]
                let atEnd = rest.isEmpty || (basic ? (rest.starts(with: Array("\\)".utf8)) || rest.starts(with: Array("\\|".utf8)))
                    : (rest.first == UInt8(ascii: ")") || rest.first == UInt8(ascii: "|")))
                emit(basic && !atEnd ? "\\$" : "$")
            case "(", ")", "|", "+", "?", "{", "}":
                if basic { emit("\\" + String(ch)) }
                else if ch == "(" || ch == "|" { emit(String(ch), start: true) }
                else if ch == "{" && !validInterval(p, from: index) { emit("\\{") }
                else if (ch == "+" || ch == "?" || ch == "{") && atStart { emit("\\" + String(ch)) }
                else { emit(String(ch)) }
            default:
                if c >= 0x80 {
                    emit(String(format: "\\x{%02x}", c))
                } else {
                    emit(String(ch))
                }
            }
        }
        return out
    }

    static func validInterval(_ p: [UInt8], from index: Int) -> Bool {
        var j = index
        var sawDigit = false
        while j < p.count && (p[j] >= 48 && p[j] <= 57 || p[j] == UInt8(ascii: ",")) { sawDigit = sawDigit || p[j] != UInt8(ascii: ","); j += 1 }
        return sawDigit && j < p.count && p[j] == UInt8(ascii: "}")
    }
}

extension RegexSyntax {
    /// The longest run of plain text every match of `pattern` must contain, or nil when the
    /// pattern has alternation or groups (where no single run is certain).
    func requiredLiteral(_ pattern: String) -> [UInt8]? {
        guard self != .fixed else { return Array(pattern.utf8) }
        let p = Array(pattern.utf8)
        if p.contains(UInt8(ascii: "|")) || p.contains(UInt8(ascii: "(")) { return nil }
        var best: [UInt8] = []
        var run: [UInt8] = []
        func close() { if run.count > best.count { best = run }; run = [] }
        var index = 0
        while index < p.count {
            let c = p[index]
            index += 1
            let isQuantifier = c == UInt8(ascii: "*") || c == UInt8(ascii: "?") || c == UInt8(ascii: "{")
                || (self != .basic && c == UInt8(ascii: "+"))
            if isQuantifier {
                if !run.isEmpty { run.removeLast() }
                close()
                if c == UInt8(ascii: "{") { while index < p.count && p[index] != UInt8(ascii: "}") { index += 1 }; index += 1 }
                continue
            }
            switch c {
            case UInt8(ascii: "\\"):
                guard index < p.count else { close(); continue }
                let next = p[index]
                index += 1
                let isLetter = (65...90).contains(next) || (97...122).contains(next) || (48...57).contains(next)
                if self == .basic && (next == UInt8(ascii: "+") || next == UInt8(ascii: "?") || next == UInt8(ascii: "{")) {
                    if !run.isEmpty { run.removeLast() }
                    close()
                    if next == UInt8(ascii: "{") { while index < p.count && p[index] != UInt8(ascii: "}") { index += 1 }; index += 1 }
                } else if isLetter || next >= 128 || (self == .basic && (next == UInt8(ascii: "<") || next == UInt8(ascii: ">"))) {
                    close()
                } else {
                    run.append(next)
                }
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if c == UInt8(ascii: "[") {
                    while index < p.count && p[index] != UInt8(ascii: "]") { index += 1 }
                    index += 1
                }
                close()
            default:
                if c >= 128 { close() } else { run.append(c) }
            }
        }
        close()
        return best.count >= 3 ? best : nil
    }
}
