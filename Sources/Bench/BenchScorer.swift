import Foundation

/// How a prediction is scored against a task's gold answers — as the original benchmarks do.
///
/// - `string_match_all` (RULER): the fraction of gold strings contained in the prediction,
///   case-insensitive.
/// - `string_match_part` (RULER): 1 if any gold string is contained in the prediction, else 0.
/// - `count_0.75` (OOLONG): 0.75^|pred − gold| where pred is the first number in the prediction
///   (0 when the prediction has no number).
/// - `label_exact`: 1 if the prediction, trimmed of whitespace, quotes and final punctuation,
///   equals a gold label case-insensitively.
/// - `label_contains`: 1 if a gold label appears in the prediction as a whole word.
public enum BenchScorer: String, Codable, Sendable, Hashable, CaseIterable {
    /// RULER string-match-all.
    case stringMatchAll = "string_match_all"
    /// RULER string-match-part.
    case stringMatchPart = "string_match_part"
    /// OOLONG numeric score 0.75^|Δ|.
    case count075 = "count_0.75"
    /// Exact label after light normalization.
    case labelExact = "label_exact"
    /// Label contained as a whole word.
    case labelContains = "label_contains"

    /// Scores `prediction` against `answers`; a value in 0...1.
    public func score(prediction: String, answers: [String]) -> Double {
        guard !answers.isEmpty else { return 0 }
        let predicted = prediction.lowercased()
        switch self {
        case .stringMatchAll:
            let hits = answers.filter { predicted.contains($0.lowercased()) }.count
            return Double(hits) / Double(answers.count)
        case .stringMatchPart:
            return answers.contains { predicted.contains($0.lowercased()) } ? 1 : 0
        case .count075:
            guard let value = Self.firstNumber(in: prediction) else { return 0 }
            let best = answers.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                .map { pow(0.75, abs(value - $0)) }.max()
            return best ?? 0
        case .labelExact:
            let trimmed = Self.normalizedLabel(prediction)
            return answers.contains { Self.normalizedLabel($0) == trimmed } ? 1 : 0
        case .labelContains:
            let words = Set(Self.words(of: predicted))
            return answers.contains { answer in
                let label = Self.words(of: answer.lowercased())
                return label.count == 1 ? words.contains(label[0]) : predicted.contains(answer.lowercased())
            } ? 1 : 0
        }
    }

    /// The first number (integer or decimal, optionally negative) in a text, if any.
    public static func firstNumber(in text: String) -> Double? {
        guard let range = text.range(of: #"-?\d+(?:,\d{3})*(?:\.\d+)?"#, options: .regularExpression) else { return nil }
        return Double(text[range].replacingOccurrences(of: ",", with: ""))
    }

    static func normalizedLabel(_ text: String) -> String {
        text.lowercased().trimmingCharacters(in: CharacterSet.whitespacesAndNewlines
            .union(CharacterSet(charactersIn: "\"'`*.!,;:")))
    }

    static func words(of text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init)
    }
}
