/// What a file must contain to possibly hold a match: a boolean formula over (ASCII-folded)
/// trigrams, as in Russ Cox's codesearch. It is conservative: every file with a match satisfies
/// it, and files that satisfy it are only candidates, searched for real.
indirect enum TrigramQuery: Equatable, Sendable, CustomStringConvertible {
    /// No narrowing: every file is a candidate.
    case all
    /// No file can match.
    case none
    /// One trigram (three folded bytes packed big-endian into 24 bits).
    case trigram(UInt32)
    case and([TrigramQuery])
    case or([TrigramQuery])

    /// `self AND other`, simplified (`all` is the identity, `none` absorbs).
    func and(_ other: TrigramQuery) -> TrigramQuery {
        switch (self, other) {
        case (.all, _): return other
        case (_, .all): return self
        case (.none, _), (_, .none): return .none
        case (.and(let left), .and(let right)): return .and(Self.unique(left + right))
        case (.and(let left), _): return .and(Self.unique(left + [other]))
        case (_, .and(let right)): return .and(Self.unique([self] + right))
        default: return self == other ? self : .and([self, other])
        }
    }

    /// `self OR other`, simplified (`none` is the identity, `all` absorbs).
    func or(_ other: TrigramQuery) -> TrigramQuery {
        switch (self, other) {
        case (.none, _): return other
        case (_, .none): return self
        case (.all, _), (_, .all): return .all
        case (.or(let left), .or(let right)): return .or(Self.unique(left + right))
        case (.or(let left), _): return .or(Self.unique(left + [other]))
        case (_, .or(let right)): return .or(Self.unique([self] + right))
        default: return self == other ? self : .or([self, other])
        }
    }

    private static func unique(_ items: [TrigramQuery]) -> [TrigramQuery] {
        var seen: [TrigramQuery] = []
        for item in items where !seen.contains(item) { seen.append(item) }
        return seen
    }

    /// The query every occurrence of one of `strings` satisfies: the OR over the strings of the
    /// AND of each string's trigrams; `all` when a string is shorter than three bytes. Trigrams
    /// across a newline are left out (a match never spans lines, and the index skips them).
    static func anyOf(_ strings: [[UInt8]]) -> TrigramQuery {
        var query = TrigramQuery.none
        for string in strings {
            guard string.count >= 3 else { return .all }
            var trigrams = TrigramQuery.all
            for start in 0...(string.count - 3) where !string[start..<(start + 3)].contains(10) {
                trigrams = trigrams.and(.trigram(key(string[start], string[start + 1], string[start + 2])))
            }
            query = query.or(trigrams)
        }
        return query
    }

    /// The index key of three bytes: ASCII letters folded to lowercase, packed big-endian.
    @inline(__always) static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(fold(a)) << 16 | UInt32(fold(b)) << 8 | UInt32(fold(c))
    }

    /// ASCII uppercase to lowercase; every other byte unchanged.
    @inline(__always) static func fold(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }

    /// Whether the query narrows anything (is not `all`).
    var narrows: Bool { self != .all }

    var description: String {
        switch self {
        case .all: return "+"
        case .none: return "-"
        case .trigram(let key):
            let bytes = [UInt8(key >> 16), UInt8((key >> 8) & 0xff), UInt8(key & 0xff)]
            return "\"" + String(decoding: bytes, as: UTF8.self) + "\""
        case .and(let items): return "(" + items.map(\.description).joined(separator: " ") + ")"
        case .or(let items): return "(" + items.map(\.description).joined(separator: "|") + ")"
        }
    }
}
