import Foundation

/// What the offline model reads from a question: the key terms (quoted phrases, identifiers,
/// numbers, capitalized names, rare words — best first), the kind of value asked for, and
/// whether the question asks to follow a chain of keys or for all values.
struct QuestionAnalysis: Sendable {
    /// The kind of answer the question asks for.
    enum ValueKind: Sendable { case number, uuid, word, any }

    let question: String
    let terms: [KeyTerm]
    let valueKind: ValueKind
    let isChain: Bool
    let wantsAll: Bool

    /// The term that must appear next to the answer (the highest-weight one), if any.
    var primary: KeyTerm? { terms.first }

    /// The keys whose values answer the question: every quoted phrase or identifier when the
    /// question names several of the top kind (multi-key needles), else just the primary term.
    var answerKeys: [KeyTerm] {
        guard let primary else { return [] }
        guard primary.kind >= .identifier else { return [primary] }
        let lower = question.lowercased()
        return terms.filter { $0.kind == primary.kind }.sorted {
            (lower.range(of: $0.folded)?.lowerBound ?? lower.endIndex) < (lower.range(of: $1.folded)?.lowerBound ?? lower.endIndex)
        }
    }

    init(_ question: String) {
        self.question = question
        let lower = question.lowercased()
        terms = Self.extractTerms(question)
        if lower.contains("uuid") || lower.contains("guid") { valueKind = .uuid }
        else if lower.range(of: #"\b(number|numbers|how many|how much|count|amount|year|digits?)\b"#, options: .regularExpression) != nil { valueKind = .number }
        else if lower.range(of: #"\b(word|words)\b"#, options: .regularExpression) != nil { valueKind = .word }
        else { valueKind = .any }
        isChain = lower.range(of: #"\b(follow|chain|thread|leads? to|points? to)\b"#, options: .regularExpression) != nil
        wantsAll = lower.range(of: #"\b(all|every|each)\b|\b(numbers|values|words|uuids)\b"#, options: .regularExpression) != nil
    }

    static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "from", "by", "with", "at", "as", "is", "are",
        "was", "were", "be", "been", "being", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
        "does", "did", "do", "this", "that", "these", "those", "it", "its", "there", "their", "they", "them", "text",
        "mentioned", "provided", "given", "context", "document", "documents", "passage", "according", "answer", "question",
        "please", "find", "tell", "about", "into", "than", "then", "also", "only", "any", "some", "all", "each", "every",
        "has", "have", "had", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "not", "no",
        "your", "you", "our", "we", "me", "my", "i", "he", "she", "his", "her", "if", "so", "such", "value", "values",
        "key", "start", "starting", "follow", "chain", "final", "corpus", "file", "files", "below", "above", "here",
        "say", "says", "said", "called", "named", "name", "between", "after", "before", "over", "under", "many", "much",
    ]

    private static func extractTerms(_ question: String) -> [KeyTerm] {
        var terms: [KeyTerm] = []
        var seen: Set<String> = []
        func add(_ text: String, _ kind: KeyTerm.Kind) {
            let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t.,;:!?()[]{}<>"))
            guard trimmed.count >= 2, !seen.contains(trimmed.lowercased()) else { return }
            seen.insert(trimmed.lowercased())
            terms.append(KeyTerm(text: trimmed, kind: kind))
        }
        for match in matches(#""([^"]{2,80})"|“([^”]{2,80})”|'([^']{2,80})'|`([^`]{2,80})`"#, in: question)
            where !isTemplate(match) {
            add(match, .quoted)
        }
        // A possessive is the name itself: `Tomasz Wilk's locker` searches for `Tomasz Wilk`.
        let tokens = question.split(whereSeparator: { $0.isWhitespace }).map { word -> String in
            var token = String(word).trimmingCharacters(in: CharacterSet(charactersIn: "\"'“”‘’`.,;:!?()[]{}<>"))
            if token.count > 3, token.hasSuffix("'s") || token.hasSuffix("’s") { token.removeLast(2) }
            return token
        }.filter { !$0.isEmpty }
        for token in tokens where token.range(of: #"^[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)+$"#, options: .regularExpression) != nil
            || (token.contains(where: \.isNumber) && token.contains(where: \.isLetter)) {
            add(token, .identifier)
        }
        for token in tokens where token.range(of: #"^[0-9][0-9,.]*$"#, options: .regularExpression) != nil { add(token, .number) }
        var index = 0
        while index < tokens.count {   // runs of capitalized words not at the start of the question
            var end = index
            while end < tokens.count, let first = tokens[end].first, first.isUppercase, end > 0,
                  !stopwords.contains(tokens[end].lowercased()) { end += 1 }
            if end > index { add(tokens[index..<end].joined(separator: " "), .name); index = end } else { index += 1 }
        }
        for token in tokens where token.count >= 4 && !stopwords.contains(token.lowercased())
            && token.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" }) {
            add(token, .word)
        }
        return terms.enumerated().sorted { a, b in
            a.element.weight != b.element.weight ? a.element.weight > b.element.weight : a.offset < b.offset
        }.map(\.element)
    }

    /// A quoted pattern with placeholders (`"The thread from X leads to Y."`), not a phrase to search.
    static func isTemplate(_ quoted: String) -> Bool {
        quoted.split(separator: " ").contains { word in
            let bare = word.trimmingCharacters(in: .punctuationCharacters)
            return bare.count == 1 && bare != "A" && bare != "I" && bare.first!.isUppercase
        }
    }

    /// The first non-nil capture group of each match of `pattern`.
    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            (1..<max(match.numberOfRanges, 2)).lazy.compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }.first
        }
    }
}
