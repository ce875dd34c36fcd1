/// A search term the offline model took from a question, with how much it identifies the
/// answer (quoted phrases and identifiers like `wandering-heron` weigh most).
struct KeyTerm: Hashable, Sendable {
    /// What kind of term it is.
    enum Kind: Int, Comparable, Sendable {
        case word = 1, name, number, identifier, quoted
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }
    /// The term as it appears in the question.
    let text: String
    /// What kind of term it is.
    let kind: Kind

    /// Ranking weight: kind first, longer words before shorter (a proxy for rarity).
    var weight: Double { Double(kind.rawValue) * 100 + Double(min(text.count, 40)) }
    /// The term lowercased, for case-insensitive matching.
    var folded: String { text.lowercased() }
}
