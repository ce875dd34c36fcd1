import Foundation

/// A question about source code that the offline model answers from declarations rather than
/// from a value after a key: which file defines a type, a function's parameters, how many
/// cases an enum has. It reads the question's intent from its words, however it is phrased
/// ("Which file defines `X`?", "Where is X declared?", "List the arguments `f(a:b:)` takes",
/// "How many variants does enum E have?"), and the names from backticks, code-like words
/// (`CamelCase`, `snake_case`) or the word after a noun such as `function` or `enum`.
enum CodeQuestion: Equatable, Sendable {
    /// "Which file defines the type `X`?"
    case definingFile(name: String)
    /// "What are the parameters of the function `f` declared in `path`?"
    case parameters(function: String, path: String?)
    /// "How many cases does the enum `E` declared in `path` have?"
    case enumCaseCount(name: String, path: String?)

    init?(_ question: String) {
        let path = Self.path(in: question)
        let count = Self.match(#"(?i)\b(?:how\s+many|number\s+of|count(?:\s+the)?)\b[^?.]*?\b(?:cases|variants|members|values|constants)\b"#, question) != nil
        let signature = Self.match(#"(?i)\b(?:parameters?|arguments?|params|args|signature)\b"#, question) != nil
            || Self.match(#"(?i)\bwhat\s+does\s+\S+\s+(?:take|accept|expect)\b"#, question) != nil
        let location = Self.match(#"(?i)\b(?:which|what)\s+(?:source\s+)?file\b|\bin\s+which\s+(?:source\s+)?file\b|\bwhere\s+(?:is|are|does)\b[^?]*\b(?:defined|declared|live|lives|found)\b|\bfile\s+(?:that\s+)?(?:defines|declares)\b"#, question) != nil
        if count, Self.match(#"(?i)\benum(?:eration)?\b"#, question) != nil || Self.backticked(question).first != nil,
           let name = Self.name(in: question, after: "enum(?:eration)?|type") {
            self = .enumCaseCount(name: name, path: path)
        } else if signature, let name = Self.name(in: question, after: "function|method|func|def|fn|procedure") {
            self = .parameters(function: name, path: path)
        } else if location, let name = Self.name(in: question, after: "type|class|struct|enum|protocol|interface|actor|trait|function|method") {
            self = .definingFile(name: name)
        } else {
            return nil
        }
    }

    /// The identifier the question asks about: the first backticked one that is not a path
    /// (`mix(colors:ratio:)` → `mix`), else the word after one of `nouns`, else the first
    /// code-like word (`CamelCase` with an inner capital, or `snake_case`).
    static func name(in question: String, after nouns: String) -> String? {
        let identifier = #"[A-Za-z_][A-Za-z0-9_]*"#
        for quoted in backticked(question) where !isPath(quoted) {
            if let name = match("^(\(identifier))", quoted)?.first { return name }
        }
        let nounPattern = "(?:" + nouns + "|enumeration|class|struct|function|method|type)"
        if let name = match(#"\b(\#(identifier))\s+(?i:"# + nounPattern + #")\b"#, question)?.first, isCodeLike(name) || name.first!.isUppercase,
           !stopWords.contains(name.lowercased()) {
            return name
        }
        if let name = match(#"(?i)\b(?:"# + nouns + #")\s+(?-i:(\#(identifier)))"#, question)?.first, !stopWords.contains(name.lowercased()) {
            return name
        }
        if let named = match(#"(?i)\b(?:named|called)\s+(\#(identifier))"#, question)?.first { return named }
        let words = question.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init)
        return words.first(where: isCodeLike)
    }

    /// Words that follow or precede a noun like `enum` without being a name.
    static let stopWords: Set<String> = ["the", "a", "an", "that", "which", "named", "called", "in", "have", "has", "is", "are",
                                         "does", "do", "with", "of", "declared", "defined", "take", "takes", "accept", "accepts",
                                         "how", "what", "where", "which", "this", "its", "many", "each", "every", "count"]

    /// `CamelCase` with an inner capital, or `snake_case`.
    static func isCodeLike(_ word: String) -> Bool {
        guard let first = word.first, first.isLetter || first == "_" else { return false }
        let innerCapital = word.dropFirst().contains { $0.isUppercase } && word.contains { $0.isLowercase }
        return innerCapital || (word.contains("_") && word.count > 2)
    }

    /// The file the question names: a backticked path, else a bare word with a source extension.
    static func path(in question: String) -> String? {
        if let quoted = backticked(question).first(where: isPath) { return normalized(quoted) }
        let bare = match(#"(?:^|\s)((?:[\w.-]+/)*[\w.-]+\.(?:swift|py|go|rs|ts|tsx|js|jsx|c|cc|cpp|h|hpp|java|kt|rb|cs|m|mm|scala|php))\b"#, question)
        return bare?.first.map(normalized)
    }

    /// The backticked spans of `text`, in order.
    static func backticked(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Whether a backticked span is a file path rather than a name.
    static func isPath(_ text: String) -> Bool {
        text.contains("/") || match(#"^[\w.-]+\.[A-Za-z]{1,5}$"#, text) != nil
    }

    /// The non-empty capture groups of the first match.
    static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let result = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<result.numberOfRanges).compactMap { Range(result.range(at: $0), in: text).map { String(text[$0]) } }
    }

    /// The grep that finds the declaration (an extended regex over the whole tree).
    var declarationGrep: String {
        switch self {
        case .definingFile(let name):
            return #"grep -rn -E -e '\b(struct|class|enum|actor|protocol|interface|type|trait|typealias)\s+"# + name + #"\b' . | head -40"#
        case .parameters(let function, _):
            return #"grep -rn -E -e '\b(func|def|fn|function)\s+(\([^)]*\)\s*)?"# + function + #"\s*[<(]' . | head -40"#
        case .enumCaseCount(let name, _):
            return #"grep -rn -E -e '\b(enum\s+"# + name + #"\b|class\s+"# + name + #"\s*\()' . | head -40"#
        }
    }

    /// The file the question names, without a leading `./`.
    var path: String? {
        switch self {
        case .definingFile: nil
        case .parameters(_, let path), .enumCaseCount(_, let path): path.map(Self.normalized)
        }
    }

    /// A path as the tree names it: no leading `./`.
    static func normalized(_ path: String) -> String { path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
}
