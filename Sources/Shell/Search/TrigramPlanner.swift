/// Derives the trigram query a PCRE2 pattern's matches must satisfy (Russ Cox's codesearch
/// analysis, simplified): each piece of the pattern is summarised by the exact set of strings
/// it matches, while that set stays small, and otherwise by a query. Concatenation crosses
/// exact sets, alternation unions them, a required repeat keeps its query, an optional part and
/// anything the planner does not understand match anything. So `\w+tion\b` needs `tion`,
/// `foo|bar` needs `foo` or `bar`, and `[0-9]{3}-[0-9]{4}` needs nothing (a scan).
///
/// Strings are folded to ASCII lowercase, as the index is, so one query serves `-i` and
/// case-sensitive searches alike (PCRE2 without UTF folds ASCII only).
struct TrigramPlanner {
    /// What a piece of pattern matches: the exact strings (nil when unknown or too many) and a
    /// query every match satisfies besides.
    struct Info {
        var exact: [[UInt8]]?
        var match: TrigramQuery

        static let anything = Info(exact: nil, match: .all)
        static let empty = Info(exact: [[]], match: .all)

        /// All that is known as one query (the exact strings' trigrams folded in).
        var query: TrigramQuery { exact.map { match.and(.anyOf($0)) } ?? match }
    }

    /// The most exact strings kept before they are turned into a query.
    static let maxExact = 16
    /// Longer exact strings are turned into a query (their trigrams are already specific).
    static let maxExactLength = 24

    private let pattern: [UInt8]
    private var position = 0

    private init(_ pattern: String) { self.pattern = Array(pattern.utf8) }

    /// The query for a PCRE2 pattern; `.all` when the pattern cannot narrow the search (or uses
    /// syntax the planner does not read).
    static func query(forPCRE pattern: String) -> TrigramQuery {
        var planner = TrigramPlanner(pattern)
        guard let info = planner.alternation(), planner.position == planner.pattern.count else { return .all }
        return info.query
    }

    /// The query for several patterns of which any may match (several `-e`).
    static func query(anyOf patterns: [String]) -> TrigramQuery {
        patterns.reduce(TrigramQuery.none) { $0.or(query(forPCRE: $1)) }
    }

    // MARK: combining

    static func concat(_ left: Info, _ right: Info) -> Info {
        if let a = left.exact, let b = right.exact, a.count * b.count <= maxExact {
            var product: [[UInt8]] = []
            for x in a { for y in b where !product.contains(x + y) { product.append(x + y) } }
            return simplify(Info(exact: product, match: left.match.and(right.match)))
        }
        return Info(exact: nil, match: left.query.and(right.query))
    }

    static func alternate(_ left: Info, _ right: Info) -> Info {
        if let a = left.exact, let b = right.exact, a.count + b.count <= maxExact, left.match == .all, right.match == .all {
            var union = a
            for y in b where !union.contains(y) { union.append(y) }
            return Info(exact: union, match: .all)
        }
        return Info(exact: nil, match: left.query.or(right.query))
    }

    static func simplify(_ info: Info) -> Info {
        guard let exact = info.exact else { return info }
        if exact.count > maxExact || exact.contains(where: { $0.count > maxExactLength }) { return Info(exact: nil, match: info.query) }
        return info
    }

    // MARK: parsing

    private var atEnd: Bool { position >= pattern.count }
    private func peek(_ offset: Int = 0) -> UInt8? { position + offset < pattern.count ? pattern[position + offset] : nil }

    private mutating func alternation() -> Info? {
        guard var info = concatenation() else { return nil }
        while peek() == UInt8(ascii: "|") {
            position += 1
            guard let next = concatenation() else { return nil }
            info = Self.alternate(info, next)
        }
        return info
    }

    /// A sequence of pieces: adjacent exact pieces are crossed into one run of exact strings;
    /// an inexact piece (or a run grown too big) adds its query to what the sequence needs.
    private mutating func concatenation() -> Info? {
        var needed = TrigramQuery.all
        var run = Info.empty
        var exactSoFar = true
        while let byte = peek(), byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            guard let piece = repetition() else { return nil }
            if run.exact != nil, piece.exact != nil {
                run = Self.concat(run, piece)
                if run.exact == nil { (needed, run, exactSoFar) = (needed.and(run.match), .empty, false) }
            } else {
                (needed, run, exactSoFar) = (needed.and(run.query).and(piece.query), .empty, false)
            }
        }
        return exactSoFar ? run : Info(exact: nil, match: needed.and(run.query))
    }

    private mutating func repetition() -> Info? {
        guard var info = atom() else { return nil }
        while let byte = peek() {
            var minimum: Int
            switch byte {
            case UInt8(ascii: "*"): minimum = 0; position += 1
            case UInt8(ascii: "+"): minimum = 1; position += 1
            case UInt8(ascii: "?"): minimum = -1; position += 1
            case UInt8(ascii: "{"):
                guard let bound = interval() else { return info }
                minimum = bound
            default: return info
            }
            // A lazy or possessive marker changes nothing about what can match.
            if let marker = peek(), marker == UInt8(ascii: "?") || marker == UInt8(ascii: "+") { position += 1 }
            switch minimum {
            case -1: info = info.exact.map { Info(exact: $0.contains([]) ? $0 : $0 + [[]], match: info.match) } ?? .anything
            case 0: info = .anything
            default: info = Info(exact: nil, match: info.query)
            }
        }
        return info
    }

    /// A `{m}`, `{m,}` or `{m,n}` quantifier's minimum, consumed; nil (nothing consumed) when
    /// the brace is a literal.
    private mutating func interval() -> Int? {
        var index = position + 1
        var digits = 0
        var minimum = 0
        while index < pattern.count, (48...57).contains(pattern[index]) {
            minimum = min(minimum * 10 + Int(pattern[index] - 48), 1 << 20)
            digits += 1
            index += 1
        }
        if index < pattern.count, pattern[index] == UInt8(ascii: ",") {
            index += 1
            while index < pattern.count, (48...57).contains(pattern[index]) { index += 1; digits += 1 }
        }
        guard digits > 0, index < pattern.count, pattern[index] == UInt8(ascii: "}") else { return nil }
        position = index + 1
        return minimum
    }

    private mutating func atom() -> Info? {
        guard let byte = peek() else { return nil }
        position += 1
        switch byte {
        case UInt8(ascii: "("): return group()
        case UInt8(ascii: "["): return characterClass()
        case UInt8(ascii: "."): return .anything
        case UInt8(ascii: "^"), UInt8(ascii: "$"): return .empty
        case UInt8(ascii: "\\"): return escape()
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"): return nil
        default: return literal([byte])
        }
    }

    private func literal(_ bytes: [UInt8]) -> Info { Info(exact: [bytes.map(TrigramQuery.fold)], match: .all) }

    private mutating func group() -> Info? {
        if peek() == UInt8(ascii: "?") {
            let kind = peek(1)
            if kind == UInt8(ascii: ":") {
                position += 2
            } else if kind == UInt8(ascii: "=") || kind == UInt8(ascii: "!")
                        || (kind == UInt8(ascii: "<") && (peek(2) == UInt8(ascii: "=") || peek(2) == UInt8(ascii: "!"))) {
                // A lookaround consumes nothing: read past it, knowing nothing from it.
                position += kind == UInt8(ascii: "<") ? 3 : 2
                guard alternation() != nil, peek() == UInt8(ascii: ")") else { return nil }
                position += 1
                return .empty
            } else if kind == UInt8(ascii: "<") || (kind == UInt8(ascii: "P") && peek(2) == UInt8(ascii: "<")) {
                // A named group: skip the name.
                while let byte = peek(), byte != UInt8(ascii: ">") { position += 1 }
                position += 1
            } else {
                return nil  // inline options (x changes what a literal is), conditionals, verbs…
            }
        } else if peek() == UInt8(ascii: "*") {
            return nil
        }
        guard let info = alternation(), peek() == UInt8(ascii: ")") else { return nil }
        position += 1
        return info
    }

    private mutating func characterClass() -> Info? {
        var members: [UInt8] = []
        var known = true
        if peek() == UInt8(ascii: "^") { known = false; position += 1 }
        var first = true
        while let byte = peek() {
            if byte == UInt8(ascii: "]") && !first { position += 1; break }
            first = false
            position += 1
            var low = byte
            if byte == UInt8(ascii: "[") && peek() == UInt8(ascii: ":") {
                // A POSIX class [:name:]: many members.
                while let next = peek(), next != UInt8(ascii: "]") { position += 1 }
                position += 1
                known = false
                continue
            }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = escapedByte() else { known = false; continue }
                low = escaped
            }
            if peek() == UInt8(ascii: "-"), let after = peek(1), after != UInt8(ascii: "]") {
                position += 1
                var high = after
                position += 1
                if after == UInt8(ascii: "\\") {
                    guard let escaped = escapedByte() else { known = false; continue }
                    high = escaped
                }
                guard low <= high, Int(high) - Int(low) < 64 else { known = false; continue }
                for member in low...high where !members.contains(TrigramQuery.fold(member)) { members.append(TrigramQuery.fold(member)) }
            } else if !members.contains(TrigramQuery.fold(low)) {
                members.append(TrigramQuery.fold(low))
            }
        }
        guard known, !members.isEmpty, members.count <= Self.maxExact else { return .anything }
        return Info(exact: members.map { [$0] }, match: .all)
    }

    /// After a backslash inside a class: the byte it stands for, or nil for a class escape
    /// (`\d`, `\w`…), consumed either way.
    private mutating func escapedByte() -> UInt8? {
        guard let byte = peek() else { return nil }
        position += 1
        switch byte {
        case UInt8(ascii: "n"): return 10
        case UInt8(ascii: "t"): return 9
        case UInt8(ascii: "r"): return 13
        case UInt8(ascii: "f"): return 12
        case UInt8(ascii: "e"): return 27
        case UInt8(ascii: "a"): return 7
        case UInt8(ascii: "x"): return hexByte()
        default:
            let isAlphanumeric = (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            return isAlphanumeric ? nil : byte
        }
    }

    /// After `\x`: `{hh}` or `hh`; nil when not one byte.
    private mutating func hexByte() -> UInt8? {
        func hex(_ byte: UInt8) -> Int? {
            switch byte {
            case 48...57: return Int(byte - 48)
            case 65...70: return Int(byte - 55)
            case 97...102: return Int(byte - 87)
            default: return nil
            }
        }
        var value = 0
        if peek() == UInt8(ascii: "{") {
            position += 1
            var digits = 0
            while let byte = peek(), let digit = hex(byte) { value = value * 16 + digit; digits += 1; position += 1 }
            guard peek() == UInt8(ascii: "}"), digits > 0, value < 256 else { return nil }
            position += 1
            return UInt8(value)
        }
        var digits = 0
        while digits < 2, let byte = peek(), let digit = hex(byte) { value = value * 16 + digit; digits += 1; position += 1 }
        return UInt8(value)
    }

    private mutating func escape() -> Info? {
        guard let byte = peek() else { return nil }
        switch byte {
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"),
             UInt8(ascii: "G"), UInt8(ascii: "K"), UInt8(ascii: "E"):
            position += 1
            return .empty
        case UInt8(ascii: "Q"):
            position += 1
            var text: [UInt8] = []
            while let next = peek() {
                if next == UInt8(ascii: "\\") && peek(1) == UInt8(ascii: "E") { position += 2; break }
                text.append(next)
                position += 1
            }
            return literal(text)
        case UInt8(ascii: "c"), UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "g"), UInt8(ascii: "k"), UInt8(ascii: "o"),
             UInt8(ascii: "N"):
            return nil  // forms with arguments the planner does not read: scan
        default:
            let start = position
            if let value = escapedByte() { return literal([value]) }
            // A class escape (\d \w \s \h \v \R \X …) or a back reference: anything.
            return (48...57).contains(pattern[start]) || start < position ? .anything : nil
        }
    }
}
