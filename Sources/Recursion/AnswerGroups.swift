import Foundation

/// Which candidate answers agree, for SRLM's self-consistency vote.
///
/// The rule: answers are first normalized (`AnswerNormalizer`: case, whitespace, punctuation,
/// articles, number formats). Distinct normalized answers are then taken shortest first (by
/// word count, then alphabetically); each one joins the group of an earlier key that it
/// contains as whole words, in order (so `42` and `The answer is 42.` agree: `answer is 42`
/// contains the words `42`). An answer that contains no key starts a group and becomes its
/// key; one that contains two or more keys (`42 or 43`) is ambiguous and starts its own group.
/// Keys never contain one another, so the grouping does not depend on the candidates' order.
/// An empty answer belongs to no group.
public struct AnswerGroups: Sendable, Equatable {
    /// The group key (its shortest normalized answer) of each answer; nil for an empty one.
    public let keys: [String?]

    /// Groups `answers` (raw, as the candidates gave them).
    public init(_ answers: [String]) {
        self.init(normalized: answers.map(AnswerNormalizer.normalize))
    }

    /// Groups answers that are already normalized.
    public init(normalized: [String]) {
        let texts: [String] = Set(normalized.filter { !$0.isEmpty }).sorted()
        let distinct: [(text: String, words: [String])] = texts
            .map { text in (text: text, words: text.split(separator: " ").map(String.init)) }
            .sorted { lhs, rhs in
                if lhs.words.count != rhs.words.count { return lhs.words.count < rhs.words.count }
                return lhs.text < rhs.text
            }
        var groupKeys: [[String]] = []
        var keyOf: [String: String] = [:]
        for answer in distinct {
            let contained = groupKeys.filter { Self.contains(answer.words, $0) }
            if contained.count == 1 {
                keyOf[answer.text] = contained[0].joined(separator: " ")
            } else {
                groupKeys.append(answer.words)
                keyOf[answer.text] = answer.text
            }
        }
        keys = normalized.map { keyOf[$0] }
    }

    /// Whether `words` holds `part` as a contiguous run of whole words.
    static func contains(_ words: [String], _ part: [String]) -> Bool {
        guard !part.isEmpty, part.count <= words.count else { return false }
        for start in 0...(words.count - part.count) where words[start..<(start + part.count)].elementsEqual(part) {
            return true
        }
        return false
    }

    /// Whether two raw answers agree under this rule (both non-empty, same group).
    public static func agree(_ lhs: String, _ rhs: String) -> Bool {
        let groups = AnswerGroups([lhs, rhs])
        return groups.keys[0] != nil && groups.keys[0] == groups.keys[1]
    }
}
