/// The parts of the language beyond plain commands: `$(( … ))` and `(( … ))`, `[[ … ]]`,
/// here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`) and here-strings (`<<<`).
extension ShellParser {
    /// Reads an arithmetic expression after `((` up to the matching `))`, returning its text.
    mutating func arithmeticText() throws -> String {
        var depth = 0
        var text = ""
        while !atEnd {
            let c = chars[index]
            if c == ")" {
                if depth == 0 {
                    guard index + 1 < chars.count, chars[index + 1] == ")" else {
                        throw Failure(message: "syntax error: arithmetic expression needs a closing `))'")
                    }
                    index += 2
                    return text
                }
                depth -= 1
            } else if c == "(" {
                depth += 1
            }
            text.append(c)
            index += 1
        }
        throw Failure(message: "unexpected end of input while looking for matching `))'")
    }

    /// Parses text as the inside of double quotes without the quotes (here-document bodies,
    /// arithmetic): `$name`, `${name}`, `$( … )`, `$(( … ))` and backquotes expand; a backslash
    /// escapes only `$`, backquote, backslash and newline; everything else is literal.
    static func expandableText(_ text: String) throws -> ShellWord {
        var parser = ShellParser(text)
        var word = ShellWord()
        var literal = ""
        while !parser.atEnd {
            let c = parser.chars[parser.index]
            if c == "\\", parser.index + 1 < parser.chars.count, "$`\\\n".contains(parser.chars[parser.index + 1]) {
                if parser.chars[parser.index + 1] != "\n" { literal.append(parser.chars[parser.index + 1]) }
                parser.index += 2
                continue
            }
            if c == "$" || c == "`" {
                if !literal.isEmpty { word.parts.append(.literal(literal, quoted: true)); literal = "" }
                if c == "`" { word.parts.append(try parser.parseBackquote(quoted: true)); continue }
                if let part = try parser.parseDollar(quoted: true) { word.parts.append(part) } else { literal.append("$") }
                continue
            }
            literal.append(c)
            parser.index += 1
        }
        if !literal.isEmpty || word.parts.isEmpty { word.parts.append(.literal(literal, quoted: true)) }
        return word
    }

    /// Parses `[[ … ]]` after the opening `[[`.
    mutating func parseConditional() throws -> ShellNode {
        var tokens: [ConditionalToken] = []
        while true {
            skipBlanks(newlines: true)
            guard !atEnd else { throw Failure(message: "unexpected end of input while looking for `]]'") }
            let word = peekWordText()
            if word == "]]" { index += 2; break }
            if let op = peekOperator(), op == "&&" || op == "||" {
                index += 2
                tokens.append(.op(op))
                continue
            }
            let c = chars[index]
            if "()<>".contains(c) {
                index += 1
                tokens.append(.op(String(c)))
                continue
            }
            if word == "!" {
                index += 1
                tokens.append(.op("!"))
                continue
            }
            var afterMatch = false
            if case .word(let previous)? = tokens.last, previous.plainText == "=~" { afterMatch = true }
            tokens.append(.word(try parseWord(regex: afterMatch)))
        }
        guard !tokens.isEmpty else { throw Failure(message: "syntax error: empty `[[ ]]'") }
        return .conditional(tokens, redirections: try parseRedirections())
    }

    /// Parses `<<DELIM`, `<<'DELIM'`, `<<-DELIM` (leading tabs stripped) or `<<< word`. The body
    /// of a here-document is the lines after the current line up to the delimiter line; they
    /// are taken out of the program text so parsing goes on after the command.
    mutating func parseHereDocument() throws -> Redirection {
        index += 2
        if !atEnd && chars[index] == "<" {
            index += 1
            skipBlanks(newlines: false)
            var word = try parseWord()
            word.parts.append(.literal("\n", quoted: true))
            return Redirection(kind: .hereDocument, target: word)
        }
        var stripTabs = false
        if !atEnd && chars[index] == "-" { stripTabs = true; index += 1 }
        skipBlanks(newlines: false)
        guard !atEnd, peekOperator() == nil, chars[index] != "\n" else {
            throw Failure(message: "syntax error: `<<' needs a delimiter word (e.g. <<'EOF')")
        }
        let delimiterWord = try parseWord()
        var delimiter = ""
        var quoted = false
        for part in delimiterWord.parts {
            if case .literal(let text, let isQuoted) = part { delimiter += text; quoted = quoted || isQuoted }
            else { throw Failure(message: "syntax error: a here-document delimiter must be a plain word") }
        }
        let lineEnd = chars[index...].firstIndex(of: "\n") ?? chars.count
        var lines: [String] = []
        var cursor = lineEnd + 1
        var bodyEnd = chars.count
        while cursor < chars.count {
            let end = chars[cursor...].firstIndex(of: "\n") ?? chars.count
            var line = String(chars[cursor..<end])
            if stripTabs { line = String(line.drop { $0 == "\t" }) }
            if line == delimiter { bodyEnd = min(chars.count, end + 1); break }
            lines.append(line)
            cursor = end + 1
        }
        if lineEnd < chars.count { chars.removeSubrange((lineEnd + 1)..<max(lineEnd + 1, bodyEnd)) }
        let body = lines.map { $0 + "\n" }.joined()
        let target = quoted ? ShellWord(parts: [.literal(body, quoted: true)]) : try Self.expandableText(body)
        return Redirection(kind: .hereDocument, target: target)
    }
}
