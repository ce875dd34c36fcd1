import Foundation

/// A line of corpus text the offline model has seen: from grep output (`path:line:text`,
/// context lines `path-line-text`, `--` separators), from numbered `read` output, or from the
/// prompt itself (direct mode).
struct EvidenceLine: Hashable, Sendable {
    /// File path as the tool printed it (nil for prompt text).
    var path: String?
    /// 1-based line number when known.
    var line: Int?
    /// The text of the line.
    var text: String
    /// Whether this was a grep match (not a context line).
    var isMatch: Bool

    /// Parses GNU grep output with `-n` (and optional `-A/-B/-C` context lines).
    static func parseGrep(_ output: String) -> [EvidenceLine] {
        output.split(separator: "\n", omittingEmptySubsequences: true).compactMap { raw in
            let line = String(raw)
            if line == "--" { return nil }
            if let hit = split(line, separator: ":") { return EvidenceLine(path: hit.0, line: hit.1, text: hit.2, isMatch: true) }
            if let context = split(line, separator: "-") { return EvidenceLine(path: context.0, line: context.1, text: context.2, isMatch: false) }
            return nil
        }
    }

    /// `path<sep>digits<sep>text`, taking the first `<sep>digits<sep>` that follows a plausible path.
    private static func split(_ line: String, separator: Character) -> (String, Int, String)? {
        var search = line.startIndex
        while let sep = line[search...].firstIndex(of: separator) {
            let afterSep = line.index(after: sep)
            let digits = line[afterSep...].prefix(while: \.isNumber)
            if !digits.isEmpty, digits.endIndex < line.endIndex, line[digits.endIndex] == separator, sep > line.startIndex {
                return (String(line[..<sep]), Int(digits) ?? 0, String(line[line.index(after: digits.endIndex)...]))
            }
            search = afterSep
            if search >= line.endIndex { break }
        }
        return nil
    }

    /// Parses numbered `read` output (`  120\ttext`, `120: text`, `120 | text`) of `path`.
    static func parseNumbered(_ output: String, path: String?) -> [EvidenceLine] {
        output.split(separator: "\n", omittingEmptySubsequences: true).compactMap { raw in
            let line = raw.drop(while: { $0 == " " })
            let digits = line.prefix(while: \.isNumber)
            guard !digits.isEmpty, let number = Int(digits) else { return nil }
            var rest = line[digits.endIndex...]
            guard let first = rest.first, first == "\t" || first == ":" || first == "|" || first == " " else { return nil }
            rest = rest.dropFirst()
            if rest.first == " " || rest.first == "\t" { rest = rest.dropFirst() }
            return EvidenceLine(path: path, line: number, text: String(rest), isMatch: false)
        }
    }

    /// Plain lines (no numbers), e.g. the prompt in direct mode.
    static func parsePlain(_ text: String) -> [EvidenceLine] {
        text.split(whereSeparator: \.isNewline).map { EvidenceLine(path: nil, line: nil, text: String($0), isMatch: false) }
    }
}
