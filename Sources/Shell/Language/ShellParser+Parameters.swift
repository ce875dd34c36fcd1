/// `${…}` parameter expansions and `case … esac`.
extension ShellParser {
    /// Parses what follows `${`: `${name}`, `${#name}`, `${name:-word}`, `${name-word}`,
    /// `${name:=word}`, `${name=word}`, `${name:+word}`, `${name+word}`.
    mutating func parseBraced(quoted: Bool) throws -> ShellWord.Part {
        let start = index
        if !atEnd && chars[index] == "#" && index + 1 < chars.count && chars[index + 1] != "}" {
            index += 1
            let name = readParameterName()
            guard !name.isEmpty, !atEnd, chars[index] == "}" else { throw badSubstitution(from: start) }
            index += 1
            return .parameter(ParameterExpansion(name: name, operation: .length, emptyIsUnset: false), quoted: quoted)
        }
        let name = readParameterName()
        guard !name.isEmpty, !atEnd else { throw badSubstitution(from: start) }
        if chars[index] == "}" {
            index += 1
            return .variable(name, quoted: quoted)
        }
        var emptyIsUnset = false
        if chars[index] == ":" {
            emptyIsUnset = true
            index += 1
        }
        guard !atEnd, "-=+".contains(chars[index]) else { throw badSubstitution(from: start) }
        let symbol = chars[index]
        index += 1
        let text = try operandText(quoted: quoted)
        let word = try quoted ? Self.expandableText(text) : Self.operandWord(text)
        let operation: ParameterExpansion.Operation = switch symbol {
        case "-": .useDefault(word)
        case "=": .assignDefault(word)
        default: .useAlternative(word)
        }
        return .parameter(ParameterExpansion(name: name, operation: operation, emptyIsUnset: emptyIsUnset), quoted: quoted)
    }

    /// A variable name, or one of the special parameters `?`, `#` and a digit.
    mutating func readParameterName() -> String {
        guard !atEnd else { return "" }
        let first = chars[index]
        if first == "?" || first == "#" || first.isNumber {
            index += 1
            return String(first)
        }
        var name = ""
        while !atEnd, chars[index] == "_" || chars[index].isLetter && chars[index].isASCII || (!name.isEmpty && chars[index].isNumber) {
            name.append(chars[index])
            index += 1
        }
        return name
    }

    /// The error for an unsupported `${…}`, naming what is supported.
    func badSubstitution(from start: Int) -> Failure {
        var end = start
        while end < chars.count && chars[end] != "}" { end += 1 }
        return Failure(message: "${\(String(chars[start..<end]))}: bad substitution (supported: ${NAME}, ${#NAME}, ${NAME:-word}, ${NAME:=word}, ${NAME:+word}, also without the colon)")
    }

    /// The raw text of an operand up to its closing `}` (nested `${…}` and quotes skipped), consumed.
    mutating func operandText(quoted: Bool) throws -> String {
        var depth = 0
        var text = ""
        while !atEnd {
            let c = chars[index]
            if c == "\\" && index + 1 < chars.count {
                text.append(c)
                text.append(chars[index + 1])
                index += 2
                continue
            }
            if !quoted && (c == "'" || c == "\"") {
                text.append(c)
                index += 1
                while !atEnd && chars[index] != c {
                    if c == "\"" && chars[index] == "\\" && index + 1 < chars.count { text.append(chars[index]); index += 1 }
                    text.append(chars[index])
                    index += 1
                }
                guard !atEnd else { break }
                text.append(c)
                index += 1
                continue
            }
            if c == "$" && index + 1 < chars.count && chars[index + 1] == "{" {
                depth += 1
                text += "${"
                index += 2
                continue
            }
            if c == "}" {
                if depth == 0 {
                    index += 1
                    return text
                }
                depth -= 1
            }
            text.append(c)
            index += 1
        }
        throw Failure(message: "unexpected end of input while looking for matching `}'")
    }

    /// An unquoted operand as a word: quotes and expansions as in any word, but blanks and
    /// operator characters are literal (the expansion's result is split later, as in bash).
    static func operandWord(_ text: String) throws -> ShellWord {
        var parser = ShellParser(text)
        return try parser.parseWord(operand: true)
    }

    /// Whether the cursor is at `;;`, the end of a `case` item.
    var atCaseItemEnd: Bool { index + 1 < chars.count && chars[index] == ";" && chars[index + 1] == ";" }

    /// Parses `case word in [(]pattern[|pattern]…) list ;; … esac` after the cursor reached `case`.
    mutating func parseCase() throws -> ShellNode {
        index += 4
        skipBlanks(newlines: false)
        let subject = try parseWord()
        try expectKeyword("in")
        var items: [CaseItem] = []
        while true {
            skipBlanks(newlines: true)
            if peekKeyword() == "esac" {
                index += 4
                break
            }
            guard !atEnd else { throw Failure(message: "syntax error: `case' needs a closing `esac'") }
            if chars[index] == "(" { index += 1 }
            var patterns: [ShellWord] = []
            while true {
                skipBlanks(newlines: false)
                let pattern = try parseWord()
                guard !pattern.parts.isEmpty else {
                    throw Failure(message: "syntax error: a `case' item needs a pattern before `)'")
                }
                patterns.append(pattern)
                skipBlanks(newlines: false)
                guard !atEnd else { throw Failure(message: "syntax error: `case' needs a closing `esac'") }
                if chars[index] == "|" { index += 1; continue }
                if chars[index] == ")" { index += 1; break }
                throw Failure(message: "syntax error near unexpected token `\(chars[index])' in a `case' pattern")
            }
            items.append(CaseItem(patterns: patterns, body: try parseList(until: [";;", "esac"])))
            skipBlanks(newlines: true)
            if atCaseItemEnd {
                index += 2
                continue
            }
            guard peekKeyword() == "esac" else { throw Failure(message: "syntax error: expected `;;' or `esac' in a `case'") }
        }
        return .caseClause(subject: subject, items: items)
    }
}
