import Foundation

extension Execution {
    /// One field being built: its text, the same text as a glob pattern (quoted glob characters
    /// escaped), and whether an unquoted glob character occurs.
    struct Field {
        var text = ""
        var pattern = ""
        var hasGlob = false

        mutating func append(_ value: String, quoted: Bool) {
            text += value
            for character in value {
                if "*?[".contains(character) {
                    if quoted { pattern.append("\\") } else { hasGlob = true }
                } else if character == "\\" {
                    pattern.append("\\")
                }
                pattern.append(character)
            }
        }
    }

    /// Expands words into fields: variables, command substitution, field splitting of unquoted
    /// expansions, and globs (sorted; a glob with no match stays as written, as in bash).
    func expand(_ words: [ShellWord]) async -> [String] {
        var result: [String] = []
        for word in words {
            var fields: [Field] = []
            var current: Field?
            for part in word.parts {
                switch part {
                case .literal(let text, let quoted):
                    current = current ?? Field()
                    current!.append(text, quoted: quoted)
                case .variable(let name, true):
                    current = current ?? Field()
                    current!.append(variable(name), quoted: true)
                case .command(let node, true):
                    current = current ?? Field()
                    current!.append(await substitute(node), quoted: true)
                case .variable(let name, false):
                    split(variable(name), into: &fields, current: &current)
                case .command(let node, false):
                    split(await substitute(node), into: &fields, current: &current)
                case .arithmetic(let expression):
                    current = current ?? Field()
                    current!.append(await arithmeticExpansion(expression), quoted: true)
                case .parameter(let expansion, let quoted):
                    if quoted { current = current ?? Field() }
                    for piece in await parameterPieces(expansion) {
                        if quoted || piece.quoted {
                            current = current ?? Field()
                            current!.append(piece.text, quoted: true)
                        } else {
                            split(piece.text, into: &fields, current: &current)
                        }
                    }
                }
            }
            if let current { fields.append(current) }
            for field in fields {
                if field.hasGlob {
                    let matches = glob(field.pattern)
                    result += matches.isEmpty ? [field.text] : matches
                } else {
                    result.append(field.text)
                }
            }
        }
        return result
    }

    /// Expands a word into one string (assignments, redirection targets): no splitting, no globs.
    func expandJoined(_ word: ShellWord) async -> String {
        var text = ""
        for part in word.parts {
            switch part {
            case .literal(let value, _): text += value
            case .variable(let name, _): text += variable(name)
            case .command(let node, _): text += await substitute(node)
            case .arithmetic(let expression): text += await arithmeticExpansion(expression)
            case .parameter(let expansion, _): text += await parameterPieces(expansion).map(\.text).joined()
            }
        }
        return text
    }

    func split(_ value: String, into fields: inout [Field], current: inout Field?) {
        let pieces = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        if value.first.map({ " \t\n".contains($0) }) == true, let field = current {
            fields.append(field)
            current = nil
        }
        for (position, piece) in pieces.enumerated() {
            if position > 0, let field = current { fields.append(field); current = nil }
            current = current ?? Field()
            current!.append(String(piece), quoted: false)
        }
        if value.last.map({ " \t\n".contains($0) }) == true, let field = current {
            fields.append(field)
            current = nil
        }
    }

    func variable(_ name: String) -> String {
        switch name {
        case "?": return "\(lastStatus)"
        case "#": return "0"
        default: return variables[name] ?? ""
        }
    }

    /// Runs `$( … )` and returns its output without trailing newlines.
    func substitute(_ node: ShellNode) async -> String {
        let saved = lastStatus
        let (bytes, _) = await capturing { await execute(node, stdin: InputCursor([])) }
        _ = saved
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Matches a glob pattern against the corpus (and scratch area), component by component,
    /// listing only folders the sandbox resolves, so no glob reaches outside.
    func glob(_ pattern: String) -> [String] {
        guard !pattern.hasPrefix("/") else { return [] }
        var candidates = [""]
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for component in components {
            var next: [String] = []
            let isPattern = component.contains { "*?[".contains($0) }
            for base in candidates {
                if !isPattern {
                    next.append(base.isEmpty ? unescape(component) : base + "/" + unescape(component))
                    continue
                }
                guard case .success(let folder) = sandbox.resolve(base.isEmpty ? "." : base),
                      let names = try? FileManager.default.contentsOfDirectory(atPath: folder.url.path) else { continue }
                for name in names.sorted() where fnmatch(component, name, FNM_PERIOD) == 0 {
                    if base.isEmpty && Sandbox.hiddenNames.contains(name) && !component.hasPrefix(".") { continue }
                    next.append(base.isEmpty ? name : base + "/" + name)
                }
            }
            candidates = next
        }
        return candidates.filter { candidate in
            guard case .success(let resolved) = sandbox.resolve(candidate) else { return false }
            var info = stat()
            return lstat(resolved.url.path, &info) == 0
        }.sorted()
    }

    func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if character == "\\" && !escaped { escaped = true; continue }
            result.append(character)
            escaped = false
        }
        return result
    }
}
