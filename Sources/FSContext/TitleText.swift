/// Short, single-line titles and file-name slugs for corpus files.
enum TitleText {
    /// Longest title kept for `INDEX.md`.
    static let maxTitle = 80

    /// The first non-blank line of `bytes`, cleaned and shortened.
    static func firstLine(of bytes: [UInt8]) -> String {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A, end - start < 4 * maxTitle { end += 1 }
            let line = clean(String(decoding: bytes[start..<end], as: UTF8.self))
            if !line.isEmpty { return line }
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            start = end + 1
        }
        return ""
    }

    /// Whitespace runs collapsed to one space, trimmed, cut to `maxTitle` characters.
    static func clean(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let joined = words.joined(separator: " ")
        return joined.count > maxTitle ? String(joined.prefix(maxTitle - 1)) + "…" : joined
    }

    /// A file-name slug: lowercase ASCII letters and digits joined by `-`, at most 40 bytes.
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) {
                if dash, !out.isEmpty { out.append("-") }
                out.append(Character(scalar).lowercased())
                dash = false
                if out.utf8.count >= 40 { break }
            } else {
                dash = true
            }
        }
        return out
    }
}
