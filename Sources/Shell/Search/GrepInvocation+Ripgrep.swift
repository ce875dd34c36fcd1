extension GrepInvocation {
    /// ripgrep's common flags: recursive by default, Rust/PCRE-like regex, `-g GLOB` (with `!`
    /// to exclude), smart case with `-S`, `-N` to drop line numbers, hidden dot-folders skipped.
    static func parseRipgrep(_ arguments: [String]) -> Result<GrepInvocation, OptionError> {
        let long: [String: Bool] = [
            "ignore-case": false, "smart-case": false, "case-sensitive": false, "word-regexp": false,
            "line-regexp": false, "invert-match": false, "count": false, "files-with-matches": false,
            "files-without-match": false, "only-matching": false, "line-number": false, "no-line-number": false,
            "fixed-strings": false, "max-count": true, "after-context": true, "before-context": true, "context": true,
            "glob": true, "regexp": true, "quiet": false, "with-filename": false, "no-filename": false, "hidden": false,
            "no-heading": false, "heading": false, "text": false, "pcre2": false, "no-messages": false, "color": true,
        ]
        let aliases: [String: String] = [
            "ignore-case": "i", "smart-case": "S", "case-sensitive": "s", "word-regexp": "w", "line-regexp": "x",
            "invert-match": "v", "count": "c", "files-with-matches": "l", "files-without-match": "L",
            "only-matching": "o", "line-number": "n", "no-line-number": "N", "fixed-strings": "F", "max-count": "m",
            "after-context": "A", "before-context": "B", "context": "C", "glob": "g", "regexp": "e", "quiet": "q",
            "with-filename": "H", "no-filename": "I", "text": "a", "pcre2": "P",
        ]
        let parsed = CommandOptions.parse(arguments, command: "rg", flags: "iSswxvclLonNFqHIauP", valued: "mABCeg",
                                          long: long, aliases: aliases)
        guard case .success(let options) = parsed else { return .failure(parsed.failureError!) }
        var invocation = GrepInvocation()
        invocation.command = "rg"
        invocation.syntax = .perl
        invocation.recursive = true
        var operands = options.operands
        for (name, value) in options.options {
            switch name {
            case "i": invocation.caseless = true; invocation.smartCase = false
            case "S": invocation.smartCase = true
            case "s": invocation.caseless = false; invocation.smartCase = false
            case "w": invocation.wholeWord = true
            case "x": invocation.wholeLine = true
            case "v": invocation.options.invert = true
            case "c": invocation.options.mode = .count
            case "l": invocation.options.mode = .filesWithMatches
            case "L": invocation.options.mode = .filesWithoutMatch
            case "q": invocation.options.mode = .quiet
            case "o": invocation.options.onlyMatching = true
            case "n": invocation.options.lineNumbers = true
            case "N": invocation.options.lineNumbers = false
            case "F": invocation.syntax = .fixed
            case "H": invocation.options.withFilename = true
            case "I": invocation.options.withFilename = false
            case "a": invocation.options.textMode = true
            case "e": invocation.patterns.append(value ?? "")
            case "no-messages": invocation.suppressErrors = true
            case "g":
                let glob = value ?? ""
                if glob.hasPrefix("!") { invocation.excludes.append(String(glob.dropFirst())) } else { invocation.includes.append(glob) }
            case "m", "A", "B", "C":
                guard let number = Int(value ?? ""), number >= 0 else { return .failure(OptionError("rg: invalid number '\(value ?? "")'")) }
                switch name {
                case "m": invocation.options.maxCount = number
                default:
                    invocation.options.contextRequested = true
                    if name != "B" { invocation.options.after = number }
                    if name != "A" { invocation.options.before = number }
                }
            default: continue
            }
        }
        if invocation.patterns.isEmpty {
            guard !operands.isEmpty else { return .failure(OptionError("rg: no pattern given")) }
            invocation.patterns.append(operands.removeFirst())
        }
        invocation.operands = operands
        invocation.skipBinary = !invocation.options.textMode
        return .success(invocation)
    }
}
