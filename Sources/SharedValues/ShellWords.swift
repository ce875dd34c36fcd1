import Foundation

/// Shell words of simple command lines: `quote` makes one word of any text, `split` reads the
/// words of a simple command back (the offline model reads its own programs with it).
public enum ShellWords {
    /// Splits a simple Shell command line into words, honouring single and double quotes and
    /// backslash escapes; stops at the first unquoted `|`, `;` or `&`.
    public static func split(_ line: String) -> [String] {
        var words: [String] = [], current = "", inWord = false
        var iterator = line.makeIterator()
        var quote: Character?
        while let character = iterator.next() {
            if let open = quote {
                if character == open { quote = nil }
                else if character == "\\" && open == "\"", let next = iterator.next() { current.append(next) }
                else { current.append(character) }
                continue
            }
            switch character {
            case "'", "\"": quote = character; inWord = true
            case "\\": if let next = iterator.next() { current.append(next); inWord = true }
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "|", ";", "&":
                if inWord { words.append(current) }
                return words
            default: current.append(character); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// Quotes `text` as one Shell word (`'` becomes `'\''`).
    public static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
