import Foundation

/// One parsed `grep` or `rg` command line, ready to run.
struct GrepInvocation {
    var command = "grep"
    var options = GrepOptions()
    var syntax = RegexSyntax.basic
    var patterns: [String] = []
    var caseless = false
    var smartCase = false
    var wholeWord = false
    var wholeLine = false
    var recursive = false
    var suppressErrors = false
    var skipBinary = false
    var includes: [String] = []
    var excludes: [String] = []
    var excludeDirs: [String] = []
    var operands: [String] = []
    var patternFiles: [String] = []

    static let grepLong: [String: Bool] = [
        "recursive": false, "dereference-recursive": false, "line-number": false, "ignore-case": false,
        "word-regexp": false, "line-regexp": false, "invert-match": false, "count": false,
        "files-with-matches": false, "files-without-match": false, "only-matching": false, "no-filename": false,
        "with-filename": false, "max-count": true, "quiet": false, "silent": false, "no-messages": false,
        "after-context": true, "before-context": true, "context": true, "basic-regexp": false,
        "extended-regexp": false, "fixed-strings": false, "perl-regexp": false, "regexp": true, "file": true,
        "include": true, "exclude": true, "exclude-dir": true, "text": false, "color": false, "colour": false,
        "no-ignore-case": false, "binary-files": true, "group-separator": true, "null-data": false,
    ]

    static let grepAliases: [String: String] = [
        "recursive": "r", "dereference-recursive": "r", "line-number": "n", "ignore-case": "i", "word-regexp": "w",
        "line-regexp": "x", "invert-match": "v", "count": "c", "files-with-matches": "l", "files-without-match": "L",
        "only-matching": "o", "no-filename": "h", "with-filename": "H", "max-count": "m", "quiet": "q", "silent": "q",
        "no-messages": "s", "after-context": "A", "before-context": "B", "context": "C", "basic-regexp": "G",
        "extended-regexp": "E", "fixed-strings": "F", "perl-regexp": "P", "regexp": "e", "file": "f", "text": "a",
    ]

    static func parseGrep(_ arguments: [String]) -> Result<GrepInvocation, OptionError> {
        let parsed = CommandOptions.parse(arguments, command: "grep", flags: "rRniywxvclLohHqsGEFPaIU", valued: "mABCef",
                                          long: grepLong, aliases: grepAliases)
        guard case .success(let options) = parsed else { return .failure(parsed.failureError!) }
        var invocation = GrepInvocation()
        var operands = options.operands
        for (name, value) in options.options {
            switch name {
            case "r", "R": invocation.recursive = true
            case "n": invocation.options.lineNumbers = true
            case "i", "y": invocation.caseless = true
            case "no-ignore-case": invocation.caseless = false
            case "w": invocation.wholeWord = true
            case "x": invocation.wholeLine = true
            case "v": invocation.options.invert = true
            case "c": invocation.options.mode = .count
            case "l": invocation.options.mode = .filesWithMatches
            case "L": invocation.options.mode = .filesWithoutMatch
            case "q": invocation.options.mode = .quiet
            case "o": invocation.options.onlyMatching = true
            case "h": invocation.options.withFilename = false
            case "H": invocation.options.withFilename = true
            case "s": invocation.suppressErrors = true
            case "G": invocation.syntax = .basic
            case "E": invocation.syntax = .extended
            case "F": invocation.syntax = .fixed
            case "P": invocation.syntax = .perl
            case "a": invocation.options.textMode = true
            case "I": invocation.skipBinary = true
            case "binary-files": invocation.options.textMode = value == "text"; invocation.skipBinary = value == "without-match"
            case "e": invocation.patterns.append(value ?? "")
            case "include": invocation.includes.append(value ?? "")
            case "exclude": invocation.excludes.append(value ?? "")
            case "exclude-dir": invocation.excludeDirs.append(value ?? "")
            case "group-separator": invocation.options.groupSeparator = value ?? "--"
            case "m", "A", "B", "C":
                guard let number = Int(value ?? ""), number >= 0 else {
                    return .failure(OptionError(name == "m" ? "grep: invalid max count" : "grep: \(value ?? ""): invalid context length argument"))
                }
                switch name {
                case "m": invocation.options.maxCount = number
                default:
                    invocation.options.contextRequested = true
                    if name != "B" { invocation.options.after = number }
                    if name != "A" { invocation.options.before = number }
                }
            case "f":
                invocation.patternFiles.append(value ?? "")
            case "null-data", "U", "color", "colour": continue
            default: continue
            }
        }
        if invocation.patterns.isEmpty && invocation.patternFiles.isEmpty {
            guard !operands.isEmpty else { return .failure(OptionError("grep: no pattern given")) }
            invocation.patterns.append(operands.removeFirst())
        }
        invocation.operands = operands
        return .success(invocation)
    }

}

extension Result where Failure == OptionError {
    var failureError: OptionError? { if case .failure(let error) = self { error } else { nil } }
}
