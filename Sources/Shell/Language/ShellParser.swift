/// A recursive-descent parser for the Shell language: lists, `&&`/`||`, pipes, `for`, `while`,
/// `if`, `case`, groups, quoting, `$var`, `${var}` (and `${#var}`, `${var:-x}`, `${var:=x}`, `${var:+x}`), `$( … )`,
/// backquotes and redirections.
struct ShellParser {
    var chars: [Character]
    var index = 0

    /// A parse error with the message bash would give, more or less.
    struct Failure: Error { let message: String }

    init(_ text: String) { chars = Array(text) }

    /// Parses a whole program.
    static func parse(_ text: String) -> Result<ShellNode, Failure> {
        var parser = ShellParser(text)
        do {
            let node = try parser.parseList(until: [])
            parser.skipBlanks(newlines: true)
            if parser.index < parser.chars.count {
                throw Failure(message: "syntax error near unexpected token `\(parser.peekOperator() ?? String(parser.chars[parser.index]))'")
            }
            return .success(node)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "\(error)"))
        }
    }

    static let keywords: Set<String> = ["do", "done", "then", "else", "elif", "fi", "in", "}", "esac"]

    // MARK: lists

    /// Parses commands until a terminator keyword (`;;` too when `terminators` holds it: a `case` body).
    mutating func parseList(until terminators: Set<String>, closingParen: Bool = false) throws -> ShellNode {
        let stopsAtItemEnd = terminators.contains(";;")
        var items: [ShellNode] = []
        while true {
            skipBlanks(newlines: true)
            while !(stopsAtItemEnd && atCaseItemEnd), peekOperator() == ";" || peekOperator() == "&" {
                index += 1
                skipBlanks(newlines: true)
            }
            if atEnd || (closingParen && chars[index] == ")") || (stopsAtItemEnd && atCaseItemEnd) { break }
            if let word = peekKeyword(), terminators.contains(word) { break }
            items.append(try parseAndOr())
            skipBlanks(newlines: false)
            if stopsAtItemEnd && atCaseItemEnd { break }
            if let op = peekOperator(), op == ";" || op == "&" { index += 1; continue }
            if !atEnd && chars[index] == "\n" { index += 1; continue }
            break
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func parseAndOr() throws -> ShellNode {
        var node = try parsePipeline()
        while true {
            skipBlanks(newlines: false)
            guard let op = peekOperator(), op == "&&" || op == "||" else { return node }
            index += 2
            skipBlanks(newlines: true)
            let right = try parsePipeline()
            node = op == "&&" ? .and(node, right) : .or(node, right)
        }
    }

    mutating func parsePipeline() throws -> ShellNode {
        skipBlanks(newlines: false)
        var negated = false
        if peekKeyword() == "!" { negated = true; index += 1 }
        var stages = [try parseCommand()]
        while true {
            skipBlanks(newlines: false)
            guard peekOperator() == "|" else { break }
            index += 1
            skipBlanks(newlines: true)
            stages.append(try parseCommand())
        }
        return stages.count == 1 && !negated ? stages[0] : .pipeline(stages, negated: negated)
    }

    // MARK: commands

    mutating func parseCommand() throws -> ShellNode {
        skipBlanks(newlines: false)
        var compound: ShellNode?
        switch peekKeyword() {
        case "for": compound = try parseFor()
        case "while": compound = try parseWhile(until: false)
        case "until": compound = try parseWhile(until: true)
        case "if": compound = try parseIf()
        case "case": compound = try parseCase()
        case "{":
            index += 1
            let body = try parseList(until: ["}"])
            try expectKeyword("}")
            return .group(body, redirections: try parseRedirections())
        default: break
        }
        if let compound {
            let redirections = try parseRedirections()
            return redirections.isEmpty ? compound : .group(compound, redirections: redirections)
        }
        if !atEnd && chars[index] == "(" && index + 1 < chars.count && chars[index + 1] == "(" {
            index += 2
            let expression = try arithmeticText()
            return .arithmetic(try Self.expandableText(expression))
        }
        if peekWordText() == "[[" {
            index += 2
            return try parseConditional()
        }
        if !atEnd && chars[index] == "(" {
            index += 1
            let body = try parseList(until: [], closingParen: true)
            guard !atEnd && chars[index] == ")" else { throw Failure(message: "syntax error: missing `)'") }
            index += 1
            return .group(body, redirections: try parseRedirections())
        }
        var command = SimpleCommand()
        while true {
            skipBlanks(newlines: false)
            if atEnd { break }
            if let redirection = try parseRedirection() { command.redirections.append(redirection); continue }
            if let op = peekOperator(), op != "!" { break }
            if chars[index] == ")" || chars[index] == "\n" || chars[index] == "(" { break }
            let word = try parseWord()
            if command.words.isEmpty, let text = word.plainText ?? assignmentPrefix(word),
               let equals = text.firstIndex(of: "="), isName(text[..<equals]) {
                var value = word
                value.parts = dropPrefix(word.parts, count: text.distance(from: text.startIndex, to: equals) + 1)
                command.assignments.append((String(text[..<equals]), value))
                continue
            }
            command.words.append(word)
        }
        if command.words.isEmpty && command.assignments.isEmpty && command.redirections.isEmpty {
            throw Failure(message: "syntax error near unexpected token `\(atEnd ? "newline" : peekOperator() ?? String(chars[index]))'")
        }
        return .simple(command)
    }

    mutating func parseFor() throws -> ShellNode {
        index += 3
        skipBlanks(newlines: false)
        let nameWord = try parseWord()
        guard let name = nameWord.plainText, isName(Substring(name)) else {
            throw Failure(message: "syntax error: `for' needs a variable name")
        }
        skipBlanks(newlines: true)
        var words: [ShellWord]?
        if peekKeyword() == "in" {
            index += 2
            var list: [ShellWord] = []
            while true {
                skipBlanks(newlines: false)
                if atEnd || chars[index] == "\n" || peekOperator() == ";" { break }
                list.append(try parseWord())
            }
            words = list
        }
        skipBlanks(newlines: false)
        if peekOperator() == ";" { index += 1 }
        skipBlanks(newlines: true)
        try expectKeyword("do")
        let body = try parseList(until: ["done"])
        try expectKeyword("done")
        return .forLoop(variable: name, words: words, body: body)
    }

    mutating func parseWhile(until: Bool) throws -> ShellNode {
        index += until ? 5 : 5
        let condition = try parseList(until: ["do"])
        try expectKeyword("do")
        let body = try parseList(until: ["done"])
        try expectKeyword("done")
        return .whileLoop(condition: condition, body: body, until: until)
    }

    mutating func parseIf() throws -> ShellNode {
        index += 2
        let condition = try parseList(until: ["then"])
        try expectKeyword("then")
        let then = try parseList(until: ["else", "elif", "fi"])
        switch peekKeyword() {
        case "elif":
            return .ifClause(condition: condition, then: then, otherwise: try parseIf())
        case "else":
            index += 4
            let otherwise = try parseList(until: ["fi"])
            try expectKeyword("fi")
            return .ifClause(condition: condition, then: then, otherwise: otherwise)
        default:
            try expectKeyword("fi")
            return .ifClause(condition: condition, then: then, otherwise: nil)
        }
    }

    mutating func parseRedirections() throws -> [Redirection] {
        var list: [Redirection] = []
        while true {
            skipBlanks(newlines: false)
            guard let redirection = try parseRedirection() else { return list }
            list.append(redirection)
        }
    }

    mutating func parseRedirection() throws -> Redirection? {
        let rest = String(chars[index..<min(chars.count, index + 4)])
        let kind: Redirection.Kind
        let length: Int
        if rest.hasPrefix("<<") { return try parseHereDocument() }
        if rest.hasPrefix("2>&1") { kind = .stderrToStdout; length = 4 }
        else if rest.hasPrefix("2>>") { kind = .stderrAppend; length = 3 }
        else if rest.hasPrefix("2>") { kind = .stderrWrite; length = 2 }
        else if rest.hasPrefix(">>") { kind = .append; length = 2 }
        else if rest.hasPrefix(">") { kind = .write; length = 1 }
        else if rest.hasPrefix("<") { kind = .read; length = 1 }
        else { return nil }
        if kind == .stderrToStdout {
            index += length
            return Redirection(kind: kind, target: ShellWord())
        }
        index += length
        skipBlanks(newlines: false)
        if atEnd || peekOperator() != nil || chars[index] == "\n" {
            throw Failure(message: "syntax error near unexpected token `\(atEnd ? "newline" : String(chars[index]))'")
        }
        return Redirection(kind: kind, target: try parseWord())
    }

    // MARK: words

    /// Parses one word. In `regex` mode (the right side of `[[ … =~ … ]]`) `(`, `)`, `|`, `<`
    /// and `>` are part of the word; in `operand` mode (a `${name:-word}` operand) everything is.
    mutating func parseWord(regex: Bool = false, operand: Bool = false) throws -> ShellWord {
        var word = ShellWord()
        var literal = ""
        func flush(_ word: inout ShellWord, _ literal: inout String) {
            if !literal.isEmpty { word.parts.append(.literal(literal, quoted: false)); literal = "" }
        }
        while !atEnd {
            let c = chars[index]
            if !operand && (c == " " || c == "\t" || c == "\n" || (regex ? ";&" : ";&|<>()").contains(c)) { break }
            switch c {
            case "'":
                flush(&word, &literal)
                index += 1
                var text = ""
                while !atEnd && chars[index] != "'" { text.append(chars[index]); index += 1 }
                if atEnd { throw Failure(message: "unexpected end of input while looking for matching `''") }
                index += 1
                word.parts.append(.literal(text, quoted: true))
            case "\"":
                flush(&word, &literal)
                index += 1
                try parseDoubleQuoted(into: &word)
            case "\\":
                flush(&word, &literal)
                index += 1
                if atEnd { word.parts.append(.literal("\\", quoted: true)); break }
                if chars[index] == "\n" { index += 1; break }
                word.parts.append(.literal(String(chars[index]), quoted: true))
                index += 1
            case "$":
                flush(&word, &literal)
                if let part = try parseDollar(quoted: false) { word.parts.append(part) } else { literal.append("$") }
            case "`":
                flush(&word, &literal)
                word.parts.append(try parseBackquote(quoted: false))
            default:
                literal.append(c)
                index += 1
            }
        }
        flush(&word, &literal)
        return word
    }

    mutating func parseDoubleQuoted(into word: inout ShellWord) throws {
        var text = ""
        var sawPart = false
        while true {
            guard !atEnd else { throw Failure(message: "unexpected end of input while looking for matching `\"'") }
            let c = chars[index]
            if c == "\"" { index += 1; break }
            if c == "\\", index + 1 < chars.count, "$`\"\\\n".contains(chars[index + 1]) {
                if chars[index + 1] != "\n" { text.append(chars[index + 1]) }
                index += 2
                continue
            }
            if c == "$" || c == "`" {
                if !text.isEmpty { word.parts.append(.literal(text, quoted: true)); text = "" }
                if c == "`" { word.parts.append(try parseBackquote(quoted: true)); sawPart = true; continue }
                if let part = try parseDollar(quoted: true) { word.parts.append(part); sawPart = true } else { text.append("$") }
                continue
            }
            text.append(c)
            index += 1
        }
        if !text.isEmpty || !sawPart { word.parts.append(.literal(text, quoted: true)) }
    }

    /// Parses what follows a `$`; nil when the `$` is a plain character.
    mutating func parseDollar(quoted: Bool) throws -> ShellWord.Part? {
        index += 1
        guard !atEnd else { return nil }
        let c = chars[index]
        if c == "(" {
            if index + 1 < chars.count && chars[index + 1] == "(" {
                index += 2
                return .arithmetic(try Self.expandableText(try arithmeticText()))
            }
            index += 1
            let node = try parseList(until: [], closingParen: true)
            guard !atEnd && chars[index] == ")" else { throw Failure(message: "unexpected end of input while looking for matching `)'") }
            index += 1
            return .command(node, quoted: quoted)
        }
        if c == "{" {
            index += 1
            return try parseBraced(quoted: quoted)
        }
        if c == "?" || c == "#" || c.isNumber { index += 1; return .variable(String(c), quoted: quoted) }
        var name = ""
        while !atEnd, chars[index] == "_" || chars[index].isLetter && chars[index].isASCII || (!name.isEmpty && chars[index].isNumber) {
            name.append(chars[index])
            index += 1
        }
        return name.isEmpty ? nil : .variable(name, quoted: quoted)
    }

    mutating func parseBackquote(quoted: Bool) throws -> ShellWord.Part {
        index += 1
        var text = ""
        while !atEnd && chars[index] != "`" {
            if chars[index] == "\\" && index + 1 < chars.count && "$`\\".contains(chars[index + 1]) { index += 1 }
            text.append(chars[index])
            index += 1
        }
        guard !atEnd else { throw Failure(message: "unexpected end of input while looking for matching ``'") }
        index += 1
        var inner = ShellParser(text)
        let node = try inner.parseList(until: [])
        return .command(node, quoted: quoted)
    }

    // MARK: helpers

    var atEnd: Bool { index >= chars.count }

    /// The unquoted text at the cursor up to the next blank or operator character.
    func peekWordText() -> String {
        var end = index
        while end < chars.count, !" \t\n;&|<>()".contains(chars[end]) { end += 1 }
        return String(chars[index..<end])
    }

    mutating func skipBlanks(newlines: Bool) {
        while !atEnd {
            let c = chars[index]
            if c == " " || c == "\t" || (newlines && c == "\n") { index += 1; continue }
            if c == "\\" && index + 1 < chars.count && chars[index + 1] == "\n" { index += 2; continue }
            if c == "#" { while !atEnd && chars[index] != "\n" { index += 1 }; continue }
            break
        }
    }

    func peekOperator() -> String? {
        guard !atEnd else { return nil }
        let two = index + 1 < chars.count ? String(chars[index...index + 1]) : ""
        if two == "&&" || two == "||" { return two }
        let c = chars[index]
        return "|;&".contains(c) ? String(c) : nil
    }

    /// The unquoted word at the cursor when it is a reserved word followed by a separator.
    func peekKeyword() -> String? {
        var end = index
        while end < chars.count, !" \t\n;&|<>()".contains(chars[end]) { end += 1 }
        let word = String(chars[index..<end])
        let all: Set<String> = Self.keywords.union(["for", "while", "until", "if", "case", "{", "!"])
        return all.contains(word) ? word : nil
    }

    mutating func expectKeyword(_ keyword: String) throws {
        skipBlanks(newlines: true)
        guard peekKeyword() == keyword else {
            let found = atEnd ? "end of input" : "`\(String(chars[index..<min(chars.count, index + 12)]))'"
            throw Failure(message: "syntax error: expected `\(keyword)' but found \(found)")
        }
        index += keyword.count
    }

    func isName(_ text: Substring) -> Bool {
        guard let first = text.first, first == "_" || (first.isLetter && first.isASCII) else { return false }
        return text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    /// The leading unquoted literal of a word like `x="a b"` (for assignments).
    func assignmentPrefix(_ word: ShellWord) -> String? {
        if case .literal(let text, false)? = word.parts.first, text.contains("=") { return text }
        return nil
    }

    func dropPrefix(_ parts: [ShellWord.Part], count: Int) -> [ShellWord.Part] {
        guard case .literal(let text, false)? = parts.first else { return parts }
        let rest = String(text.dropFirst(count))
        return (rest.isEmpty ? [] : [.literal(rest, quoted: false)]) + parts.dropFirst()
    }
}
