import Foundation

/// Parses the verbalized confidence ν in (0, 100] that prompts ask models to state: a
/// trailing `Confidence: NN` line in text (also `NN%`, `confidence = NN`), or the optional
/// `"confidence": NN` argument that every function tool takes (the last call stating one wins).
public enum VerbalizedConfidence {
    /// The last `Confidence: NN` in `text`, clamped to (0, 100]; nil when there is none.
    public static func parse(_ text: String) -> Double? {
        // Most replies say no confidence at all: a byte scan rules them out before the regex,
        // which cost a third of a millisecond per agent turn (compiled and run by ICU).
        guard mentionsConfidence(text), let regex = pattern else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.matches(in: text, range: range).last,
              let valueRange = Range(match.range(at: 1), in: text),
              let value = Double(text[valueRange]) else { return nil }
        let isFraction = value <= 1 && text[valueRange].contains(".") && match.range(at: 2).location == NSNotFound
        return clamp(isFraction ? value * 100 : value)
    }

    private static let pattern = try? NSRegularExpression(
        pattern: #"(?i)confidence\s*(?:\(0-100\)\s*)?[:=]\s*\**\s*([0-9]+(?:\.[0-9]+)?)\s*(%|/\s*100)?"#)

    /// Whether `text` holds "confidence" in any ASCII case.
    static func mentionsConfidence(_ text: String) -> Bool {
        let word = Array("confidence".utf8)
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= word.count else { return false }
            for start in 0...(bytes.count - word.count) where bytes[start] | 0x20 == word[0] {
                var matched = 1
                while matched < word.count && bytes[start + matched] | 0x20 == word[matched] { matched += 1 }
                if matched == word.count { return true }
            }
            return false
        }
    }

    /// The `confidence` argument of the last tool call among `toolCalls` that has one, clamped;
    /// nil if none has.
    public static func parse(toolCalls: [ToolCall]) -> Double? {
        for call in toolCalls.reversed() {
            guard let value = call.arguments?["confidence"] else { continue }
            if let number = value.numberValue { return clamp(number) }
            if let text = value.stringValue, let number = Double(text.trimmingCharacters(in: CharacterSet(charactersIn: " %"))) {
                return clamp(number)
            }
        }
        return nil
    }

    /// From a response's tool calls first, then its text.
    public static func parse(text: String, toolCalls: [ToolCall]) -> Double? {
        parse(toolCalls: toolCalls) ?? parse(text)
    }

    /// Clamps to (0, 100]: 0 or less becomes 1 (ν must be positive for log ν), above 100 becomes 100.
    public static func clamp(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        return min(100, max(1, value))
    }
}
