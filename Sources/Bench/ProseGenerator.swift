import SharedValues

/// English-like prose from a seeded grammar: varied sentence shapes, paragraphs of 3–7
/// sentences. It never uses the words of needles ("special", "magic", "thread").
struct ProseGenerator {
    private var random: SeededGenerator
    private var sentencesLeftInParagraph = 0

    init(random: SeededGenerator) { self.random = random }

    /// The next piece of prose: a sentence followed by a space, or by a blank line at a paragraph end.
    mutating func nextUnit() -> String {
        if sentencesLeftInParagraph == 0 { sentencesLeftInParagraph = 3 + random.below(5) }
        sentencesLeftInParagraph -= 1
        return sentence() + (sentencesLeftInParagraph == 0 ? "\n\n" : " ")
    }

    mutating func sentence() -> String {
        typealias V = Vocabulary
        let noun = w(V.proseNouns), noun2 = w(V.proseNouns), adjective = w(V.proseAdjectives)
        switch random.below(8) {
        case 0: return "The \(adjective) \(noun) \(w(V.pastVerbs)) the \(noun2) \(w(V.times))."
        case 1: return "\(capitalized(w(V.times))), \(w(V.names)) \(w(V.pastVerbs)) the \(adjective) \(noun) and left \(w(V.adverbs))."
        case 2: return "Nobody in \(w(V.places)) expected the \(noun) to \(w(V.baseVerbs)) so \(w(V.adverbs))."
        case 3: return "\(w(V.names)) said that the \(noun) was \(adjective), but \(w(V.names)) was not so sure."
        case 4: return "Why would a \(noun) \(w(V.baseVerbs)) \(w(V.prepositions)) the \(noun2)?"
        case 5: return "After the \(noun) \(w(V.pastVerbs)) the \(noun2), \(w(V.places)) grew \(adjective)."
        case 6: return "In \(w(V.places)) there is a \(adjective) \(noun) that \(w(V.presentVerbs)) every \(w(V.timeUnits))."
        default: return "It was \(adjective); the \(noun) \(w(V.pastVerbs)) the \(noun2), and the \(w(V.proseNouns)) \(w(V.presentVerbs))."
        }
    }

    private mutating func w(_ words: [String]) -> String { random.pick(words) }

    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
