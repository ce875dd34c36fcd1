import Foundation

/// A question about source code that the offline model answers from declarations rather than
/// from a value after a key: which file defines a type, a function's parameters, how many
/// cases an enum has. Names are taken from backticks (`Name`) or the word after the noun.
enum CodeQuestion: Equatable, Sendable {
    /// "Which file defines the type `X`?"
    case definingFile(name: String)
    /// "What are the parameters of the function `f` declared in `path`?"
    case parameters(function: String, path: String?)
    /// "How many cases does the enum `E` declared in `path` have?"
    case enumCaseCount(name: String, path: String?)

    init?(_ question: String) {
        let name = #"`?([A-Za-z_][A-Za-z0-9_]*)`?"#
        let path = #"(?:\s+(?:declared|defined)\s+in\s+`([^`]+)`)?"#
        if let m = Self.match(#"(?i)\bwhich\s+file\s+(?:defines|declares)\s+(?:the\s+)?(?:type|class|struct|enum|protocol|interface|actor|trait)?\s*"# + name, question) {
            self = .definingFile(name: m[0])
        } else if let m = Self.match(#"(?i)\bparameters\s+of\s+(?:the\s+)?(?:function|method|func)\s+"# + name + path, question) {
            self = .parameters(function: m[0], path: m.count > 1 ? m[1] : nil)
        } else if let m = Self.match(#"(?i)\bhow\s+many\s+cases\s+does\s+(?:the\s+)?enum\s+"# + name + path, question) {
            self = .enumCaseCount(name: m[0], path: m.count > 1 ? m[1] : nil)
        } else {
            return nil
        }
    }

    /// The non-empty capture groups of the first match.
    private static func match(_ pattern: String, _ text: String) -> [String]? {
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
