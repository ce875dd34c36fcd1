import Foundation

/// Finds the answer span in lines of text: the line that best matches the question's key
/// terms, then the value right after the key phrase (skipping connectors like `is:`), typed by
/// what the question asks for (number, UUID, word); falls back to the nearest typed value, then
/// to the clause itself with a low confidence.
struct AnswerExtractor: Sendable {
    let analysis: QuestionAnalysis

    static let uuidPattern = #"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#
    static let numberPattern = #"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?"#
    /// A code-like value: letters and digits joined by hyphens, dots, underscores or slashes,
    /// with a digit somewhere (`4821-KILO`, `v2.3.1`, `AB_77/c`, `2024-03-07`) — one value, never
    /// cut at its first joint. A sentence's final dot is not part of it.
    static let codePattern = #"(?=[\p{L}\p{N}._/-]*[0-9])[\p{L}\p{N}]+(?:[-._/][\p{L}\p{N}]+)+"#

    /// The best candidates among `lines` for `key` (default: the question's primary term), best first.
    /// With `chain`, the value is the next key-like token (identifier, UUID or number) after the
    /// key in the same sentence, so `The thread from A leads to B.` gives `B`.
    func candidates(in lines: [EvidenceLine], key: String? = nil, chain: Bool = false) -> [AnswerCandidate] {
        let keyText = key ?? analysis.primary?.text
        var results: [AnswerCandidate] = []
        var seen: Set<String> = []
        var byPosition: [String: String] = [:]
        for line in lines { if let number = line.line { byPosition["\(line.path ?? ""):\(number)"] = line.text } }
        for (index, line) in lines.enumerated() {
            let following = line.line.flatMap { byPosition["\(line.path ?? ""):\($0 + 1)"] }
                ?? (line.line == nil && index + 1 < lines.count ? lines[index + 1].text : nil)
            guard let scored = extract(from: line, key: keyText, following: following, chain: chain) else { continue }
            let id = "\(line.path ?? ""):\(line.line ?? -1):\(scored.value)"
            if seen.insert(id).inserted { results.append(scored) }
        }
        return results.sorted { $0.confidence > $1.confidence }
    }

    /// How well `text` matches the question terms, in [0, 1].
    func termCoverage(_ text: String) -> Double {
        let lower = text.lowercased()
        let total = analysis.terms.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return 0 }
        return analysis.terms.reduce(0) { $0 + (lower.contains($1.folded) ? $1.weight : 0) } / total
    }

    /// `following` is the next line of the same file, used when the key ends its line.
    private func extract(from line: EvidenceLine, key: String?, following: String?, chain: Bool) -> AnswerCandidate? {
        let text = line.text
        if let key, analysis.primary != nil, !text.localizedCaseInsensitiveContains(key) { return nil }
        let coverage = termCoverage(text)
        if let key, let range = text.range(of: key, options: .caseInsensitive) {
            var after = String(text[range.upperBound...])
            if after.trimmingCharacters(in: .whitespaces).isEmpty, let following { after = " " + following }
            if chain {
                return chainValue(after).map { AnswerCandidate(value: $0, confidence: 60 + 30 * coverage, source: line, key: key, adjacent: true) }
            }
            if let value = valueAfterConnector(after) {
                return AnswerCandidate(value: value, confidence: 55 + 40 * coverage, source: line, key: key, adjacent: true)
            }
            if let value = nearestTypedValue(in: text, excluding: key) {
                return AnswerCandidate(value: value, confidence: 35 + 30 * coverage, source: line, key: key, adjacent: false)
            }
            return nil
        }
        guard key == nil || analysis.primary == nil, coverage >= 0.3 else { return nil }
        let clause = text.trimmingCharacters(in: .whitespaces)
        let value = nearestTypedValue(in: text, excluding: nil) ?? String(clause.prefix(200))
        return AnswerCandidate(value: value, confidence: 10 + 30 * coverage, source: line, key: key ?? "", adjacent: false)
    }

    /// The value right after a key: skips `'s`, `is`, `are`, `was`, `:`, `=`, dashes, then takes
    /// a UUID, a number, a quoted string, or a short phrase up to punctuation, per the value kind.
    func valueAfterConnector(_ suffix: String) -> String? {
        var rest = Substring(suffix)
        let connectors = ["'s", "’s", " is", " are", " was", " were", " equals", " =", ":", "=", " -", " —", " –", ",", " to", " of"]
        var changed = true
        while changed {
            changed = false
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            for connector in connectors {
                let bare = connector.trimmingCharacters(in: .whitespaces)
                if rest.lowercased().hasPrefix(bare), bare.first?.isLetter != true || rest.dropFirst(bare.count).first.map({ !$0.isLetter }) ?? true {
                    rest = rest.dropFirst(bare.count)
                    changed = true
                }
            }
        }
        rest = rest.drop(while: { $0 == " " || $0 == "\t" })
        guard !rest.isEmpty else { return nil }
        let text = String(rest)
        switch analysis.valueKind {
        case .uuid: return prefixMatch(Self.uuidPattern, text)
        case .number: return prefixMatch(Self.codePattern, text) ?? prefixMatch(Self.numberPattern, text).map(cleanNumber)
        case .word: return prefixMatch(Self.codePattern, text) ?? prefixMatch(#"[\p{L}\p{N}][\p{L}\p{N}'_-]*"#, text)
        case .any:
            if let uuid = prefixMatch(Self.uuidPattern, text) { return uuid }
            if let quoted = prefixMatch(#""[^"]{1,200}"|“[^”]{1,200}”"#, text) { return String(quoted.dropFirst().dropLast()) }
            if let code = prefixMatch(Self.codePattern + #"(?![\p{L}\p{N}])"#, text) { return code }
            if let number = prefixMatch(Self.numberPattern + #"(?![\p{L}])"#, text) { return cleanNumber(number) }
            // A phrase ends at a sentence mark or a table cell (`|`) and must hold a letter or digit;
            // a dot inside a value (`v2.3.1`) ends nothing. A code-like value in it is the answer.
            let phrase = Self.sentence(text).trimmingCharacters(in: .whitespaces)
            let words = phrase.split(separator: " ")
            guard !words.isEmpty, phrase.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
            if let range = phrase.range(of: "(?<![\\p{L}\\p{N}])" + Self.codePattern + "(?![\\p{L}\\p{N}])", options: .regularExpression) {
                return String(phrase[range])
            }
            return words.prefix(8).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",\"'"))
        }
    }

    /// `text` up to its first sentence mark (`.`, `;`, `!`, `?`, newline) or table cell (`|`); a
    /// dot followed by a letter or digit is inside a value, not a sentence end.
    static func sentence(_ text: String) -> Substring {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if ";!?\n|".contains(character) { break }
            if character == "." {
                let next = text.index(after: index)
                if next == text.endIndex || !(text[next].isLetter || text[next].isNumber) { break }
            }
            index = text.index(after: index)
        }
        return text[..<index]
    }

    /// The first key-like token (identifier with `-`/`_`/digits, UUID, or number) within the
    /// sentence that follows a key, at most eight words on.
    func chainValue(_ suffix: String) -> String? {
        let sentence = Self.sentence(suffix)
        let words = sentence.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ":" }).prefix(8)
        for word in words {
            let token = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'“”‘’()[]"))
            if token.range(of: "^(?:" + Self.uuidPattern + ")$", options: .regularExpression) != nil { return token }
            if token.range(of: #"^[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)+$"#, options: .regularExpression) != nil { return token }
            if token.range(of: #"^[0-9][0-9,]*$"#, options: .regularExpression) != nil { return token }
        }
        return nil
    }

    /// The typed value (number or UUID) nearest to `key` in `text`, if the question asks for one.
    private func nearestTypedValue(in text: String, excluding key: String?) -> String? {
        let pattern: String
        switch analysis.valueKind {
        case .uuid: pattern = Self.uuidPattern
        case .number: pattern = Self.codePattern + "|" + Self.numberPattern
        default: return nil
        }
        let keyStart = key.flatMap { text.range(of: $0, options: .caseInsensitive) }
        let found = QuestionAnalysis.matches("(" + pattern + ")", in: text).filter { value in
            key.map { !$0.contains(value) } ?? true
        }
        guard let keyStart else { return found.first.map(cleanNumber) }
        let keyOffset = text.distance(from: text.startIndex, to: keyStart.lowerBound)
        return found.min { a, b in
            let da = text.range(of: a).map { abs(text.distance(from: text.startIndex, to: $0.lowerBound) - keyOffset) } ?? .max
            let db = text.range(of: b).map { abs(text.distance(from: text.startIndex, to: $0.lowerBound) - keyOffset) } ?? .max
            return da < db
        }.map(cleanNumber)
    }

    private func prefixMatch(_ pattern: String, _ text: String) -> String? {
        guard let range = text.range(of: "^(?:" + pattern + ")", options: .regularExpression) else { return nil }
        return String(text[range])
    }

    private func cleanNumber(_ value: String) -> String {
        var value = value
        while let last = value.last, last == "," || last == "." { value.removeLast() }
        return value
    }
}
