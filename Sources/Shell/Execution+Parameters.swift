import Foundation

/// `${#name}`, `${name:-word}`, `${name:=word}`, `${name:+word}` (and the forms without `:`), and `case … esac`.
extension Execution {
    /// One piece of an expanded word: its text and whether it was quoted (an unquoted piece is
    /// split into fields and globbed by the caller; a quoted one is not).
    typealias Piece = (text: String, quoted: Bool)

    /// What a parameter expansion gives, as pieces.
    func parameterPieces(_ expansion: ParameterExpansion) async -> [Piece] {
        let isSet = expansion.name == "?" || expansion.name == "#" || variables[expansion.name] != nil
        let value = variable(expansion.name)
        let missing = !isSet || (expansion.emptyIsUnset && value.isEmpty)
        switch expansion.operation {
        case .length:
            return [("\(value.count)", true)]
        case .useDefault(let word):
            return missing ? await pieces(of: word) : [(value, false)]
        case .assignDefault(let word):
            guard missing else { return [(value, false)] }
            let text = await pieces(of: word).map(\.text).joined()
            if expansion.name != "?" && expansion.name != "#" && !(expansion.name.first?.isNumber ?? false) {
                variables[expansion.name] = text
            }
            return [(text, false)]
        case .useAlternative(let word):
            return missing ? [] : await pieces(of: word)
        }
    }

    /// A word's parts expanded, without splitting or globbing.
    func pieces(of word: ShellWord) async -> [Piece] {
        var result: [Piece] = []
        for part in word.parts {
            switch part {
            case .literal(let text, let quoted): result.append((text, quoted))
            case .variable(let name, let quoted): result.append((variable(name), quoted))
            case .command(let node, let quoted): result.append((await substitute(node), quoted))
            case .arithmetic(let expression): result.append((await arithmeticExpansion(expression), true))
            case .parameter(let expansion, let quoted):
                for piece in await parameterPieces(expansion) { result.append((piece.text, quoted || piece.quoted)) }
            }
        }
        return result
    }

    /// Runs the body of the first item one of whose glob patterns matches the subject; 0 when none does.
    func caseClause(_ subject: ShellWord, _ items: [CaseItem], stdin: InputCursor) async -> Int32 {
        let text = await expandJoined(subject)
        for item in items {
            for pattern in item.patterns {
                if fnmatch(await expandPattern(pattern, regex: false), text, 0) == 0 {
                    return await execute(item.body, stdin: stdin)
                }
            }
        }
        return 0
    }
}
