import Foundation
import Models

/// Reads declarations out of source lines the way the offline model needs: the parameter list
/// after a function name and the cases of an enum body, for Swift, Python, Go and brace languages.
enum CodeReader {
    /// Parameters of `function` in `text` (the declaration and what follows), formatted per language:
    /// Swift `name: Type` (the internal name), Python as written (no `self`/`cls`), Go `name type`.
    static func parameters(of function: String, in text: String, path: String) -> [String]? {
        guard let nameRange = text.range(of: #"\b"# + function + #"\s*(<[^>(]*>)?\s*\("#, options: .regularExpression),
              let list = balanced(text[nameRange.upperBound...].dropFirst(0), open: "(", close: ")", startInside: true) else { return nil }
        let parts = splitTopLevel(list)
        if path.hasSuffix(".py") {
            return parts.map { splitTopLevel($0, separator: "=")[0].split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                .filter { !["", "self", "cls", "*", "/"].contains($0) }
        }
        if path.hasSuffix(".go") {
            var result: [String] = [], type: String?
            for part in parts.reversed() {
                let words = part.split(separator: " ", maxSplits: 1).map(String.init)
                if words.count == 2 { type = words[1].trimmingCharacters(in: .whitespaces) }
                guard let type else { return [] }
                result.insert("\(words[0]) \(type)", at: 0)
            }
            return result
        }
        return parts.compactMap { parameter in
            let declaration = splitTopLevel(parameter, separator: "=")[0]
            guard let colon = declaration.firstIndex(of: ":") else { return declaration.isEmpty ? nil : declaration }
            let name = declaration[..<colon].split(separator: " ").last.map(String.init) ?? ""
            let type = declaration[declaration.index(after: colon)...].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return name.isEmpty ? nil : "\(name): \(type)"
        }
    }

    /// Cases of the enum declared at the start of `text`: Swift `case a, b(Int)` lines at the top
    /// level of the body; Python `NAME = …` members; otherwise the comma-separated members.
    static func enumCaseCount(in text: String, path: String) -> Int? {
        if path.hasSuffix(".py") {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            guard let indent = lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })?.prefix(while: { $0 == " " || $0 == "\t" }).count,
                  indent > 0 else { return nil }
            var count = 0
            for line in lines {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                let lineIndent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
                if lineIndent < indent { break }
                if lineIndent == indent, trimmed.range(of: #"^[A-Za-z_]\w*\s*(:[^=]*)?="#, options: .regularExpression) != nil { count += 1 }
            }
            return count
        }
        guard let body = balanced(Substring(text), open: "{", close: "}", startInside: false) else { return nil }
        var depth = 0, count = 0, sawCase = false
        for line in body.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let words = trimmed.split(separator: " ")
            if depth == 0, let index = words.firstIndex(of: "case"), words[..<index].allSatisfy({ $0.hasPrefix("@") || $0 == "indirect" }) {
                sawCase = true
                count += splitTopLevel(trimmed[trimmed.range(of: "case")!.upperBound...]).count
            }
            for character in line { if character == "{" { depth += 1 } else if character == "}" { depth -= 1 } }
        }
        if sawCase { return count }
        let members = body.split(separator: ";").first ?? Substring(body)
        return splitTopLevel(members).filter { $0.first?.isLetter == true || $0.first == "_" }.count
    }

    /// The text inside the first `open` … matching `close` (or, with `startInside`, from the
    /// start of `text`, which is just past an `open`).
    static func balanced(_ text: Substring, open: Character, close: Character, startInside: Bool) -> Substring? {
        var depth = startInside ? 1 : 0
        var start = startInside ? text.startIndex : nil
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == open {
                if start == nil { start = text.index(after: index) }
                depth += 1
            } else if character == close, start != nil {
                depth -= 1
                if depth == 0 { return text[start!..<index] }
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func splitTopLevel(_ text: some StringProtocol, separator: Character = ",") -> [String] {
        SourceText.splitTopLevel(text, separator: separator)
    }
}
