import Foundation

/// Normalizes answers so that candidates that say the same thing compare equal:
/// case, surrounding and inner whitespace, punctuation, articles, and number formats
/// (`1,234` and `1234.0` are both `1234`).
public enum AnswerNormalizer {
    /// The normalized form of `answer`; empty when the answer is empty or only punctuation.
    public static func normalize(_ answer: String) -> String {
        var text = answer.lowercased()
        text = text.replacingOccurrences(of: "\u{2019}", with: "'")
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var tokens: [String] = []
        for word in words {
            if let number = normalizedNumber(word) {
                tokens.append(number)
                continue
            }
            let stripped = String(word.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" })
                .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            if stripped.isEmpty || ["a", "an", "the"].contains(stripped) { continue }
            tokens.append(stripped)
        }
        return tokens.joined(separator: " ")
    }

    /// `1,234.50` → `1234.5`, `007` → `7`, `3.0` → `3`; nil when `word` is not a number.
    static func normalizedNumber(_ word: String) -> String? {
        var core = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?\"'()[]{}"))
        guard !core.isEmpty, core.first!.isNumber || (core.first == "-" && core.count > 1) else { return nil }
        if core.contains(",") {
            let groups = core.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.prefix(3).count == 3 && $0.prefix(3).allSatisfy(\.isNumber) }) else { return nil }
            core = core.replacingOccurrences(of: ",", with: "")
        }
        guard core.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), let value = Double(core) else { return nil }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
