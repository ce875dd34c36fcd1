import FSContext
import Models
import Foundation

extension SourceScanner {
    /// A regex match: capture groups as strings, and where the whole match ends.
    struct Match {
        var groups: [String]
        var end: String.Index
        subscript(index: Int) -> String { groups[index] }
    }

    static func matches(_ pattern: String, in text: String) -> [Match] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { result in
            guard let end = Range(result.range, in: text)?.upperBound else { return nil }
            let groups = (0..<result.numberOfRanges).map { index in
                Range(result.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
            return Match(groups: groups, end: end)
        }
    }

    /// The text with line comments and the contents of string literals removed (quotes kept),
    /// so brackets inside them do not count.
    static func stripped(_ text: String, comment: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var inString = false, escaped = false, previous: Character = " "
            var kept = ""
            for character in line {
                if inString {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" {
                        inString = false
                        kept.append(character)
                    }
                    continue
                }
                if character == "\"" { inString = true }
                if comment == "//" && character == "/" && previous == "/" { kept.removeLast(); break }
                if comment == "#" && character == "#" { break }
                kept.append(character)
                previous = character
            }
            output += kept + "\n"
        }
        return output
    }

    /// The text between the first `open` at or after `start` and its matching `close`.
    static func balanced(_ text: String, from start: String.Index, open: Character, close: Character) -> Substring? {
        guard let first = text[start...].firstIndex(of: open) else { return nil }
        // A declaration's body must follow it closely (same declaration, not the next one).
        if open == "{", text[start..<first].contains(where: { $0 == "}" || $0 == ";" }) { return nil }
        var depth = 0, index = first
        while index < text.endIndex {
            let character = text[index]
            if character == open { depth += 1 } else if character == close {
                depth -= 1
                if depth == 0 { return text[text.index(after: first)..<index] }
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func splitTopLevel(_ text: some StringProtocol, separator: Character = ",") -> [String] {
        SourceText.splitTopLevel(text, separator: separator)
    }

    /// Cases declared directly in an enum body (`case a, b(Int)` counts 2; nested types' cases don't).
    static func enumCaseCount(_ body: Substring) -> Int {
        var depth = 0, count = 0
        for line in body.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let words = trimmed.split(separator: " ")
            if depth == 0, let caseIndex = words.firstIndex(of: "case"),
               words[..<caseIndex].allSatisfy({ $0.hasPrefix("@") || $0 == "indirect" }) {
                let list = trimmed[trimmed.range(of: "case")!.upperBound...]
                count += splitTopLevel(list).count
            }
            for character in line {
                if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            }
        }
        return count
    }
}
