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
        let joined: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let words = text.utf8.split(whereSeparator: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) })
            joined = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        } else {
            joined = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        }
        return joined.count > maxTitle ? String(joined.prefix(maxTitle - 1)) + "…" : joined
    }

    /// A file-name slug: lowercase ASCII letters and digits joined by `-`, at most 40 bytes.
    static func slug(_ text: String) -> String {
        var out: [UInt8] = []
        var dash = false
        for byte in text.utf8 {
            let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
            if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                if dash, !out.isEmpty { out.append(0x2D) }
                out.append(lower)
                dash = false
                if out.count >= 40 { break }
            } else {
                dash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
