import Foundation

/// Bash's shell arithmetic (`$(( … ))`, `(( … ))`, `[[ a -lt b ]]`): 64-bit integers that wrap,
/// C operator precedence with `**`, assignments (`=`, `+=`, `++`…), `?:`, `,`, constants in
/// decimal, octal (`017`), hex (`0x1f`) and `BASE#DIGITS`, and variables whose values are
/// themselves expressions. Skipped branches of `&&`, `||` and `?:` have no side effects.
struct Arithmetic {
    /// An arithmetic error with bash's wording (`division by 0 (error token is "0")`).
    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Reads and writes shell variables.
    struct Variables {
        var get: (String) -> String
        var set: (String, String) -> Void
    }

    enum Token: Equatable {
        case number(String)
        case name(String)
        case op(String)
        case end
    }

    private var tokens: [Token] = []
    private var position = 0
    private var variables: Variables
    private let text: String
    private var depth: Int

    /// The operators, longest first so that `<<=` wins over `<<` and `<`.
    static let operators = ["<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=",
                            "/=", "%=", "&=", "^=", "|=", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "^", "|",
                            "?", ":", ",", "(", ")"]

    private init(_ text: String, variables: Variables, depth: Int) throws {
        self.text = text
        self.variables = variables
        self.depth = depth
        tokens = try Self.tokenize(text)
    }

    /// Evaluates `text` (already expanded for `$name` and `$( … )`). An empty expression is 0.
    static func evaluate(_ text: String, variables: Variables) throws -> Int64 {
        try evaluate(text, variables: variables, depth: 0)
    }

    private static func evaluate(_ text: String, variables: Variables, depth: Int) throws -> Int64 {
        guard depth < 64 else { throw Failure(message: "\(text): expression recursion level exceeded") }
        var parser = try Arithmetic(text, variables: variables, depth: depth)
        if parser.peek == .end { return 0 }
        let value = try parser.comma(evaluating: true)
        guard parser.peek == .end else { throw parser.failure("syntax error in expression") }
        return value
    }

    static func tokenize(_ text: String) throws -> [Token] {
        let chars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        scan: while index < chars.count {
            let c = chars[index]
            if c == " " || c == "\t" || c == "\n" { index += 1; continue }
            if c.properties.numericType != nil && c.isASCII {
                var end = index
                while end < chars.count, chars[end].isASCII, chars[end] == "#" || chars[end] == "_" || chars[end] == "@"
                        || chars[end].properties.isAlphabetic || chars[end].properties.numericType != nil { end += 1 }
                tokens.append(.number(String(String.UnicodeScalarView(chars[index..<end]))))
                index = end
                continue
            }
            if c == "_" || (c.isASCII && c.properties.isAlphabetic) {
                var end = index
                while end < chars.count, chars[end].isASCII, chars[end] == "_" || chars[end].properties.isAlphabetic
                        || chars[end].properties.numericType != nil { end += 1 }
                tokens.append(.name(String(String.UnicodeScalarView(chars[index..<end]))))
                index = end
                continue
            }
            for op in operators {
                let scalars = Array(op.unicodeScalars)
                if index + scalars.count <= chars.count && Array(chars[index..<index + scalars.count]) == scalars {
                    tokens.append(.op(op))
                    index += scalars.count
                    continue scan
                }
            }
            let rest = String(String.UnicodeScalarView(chars[index...]))
            throw Failure(message: "\(text): syntax error: invalid arithmetic operator (error token is \"\(rest)\")")
        }
        tokens.append(.end)
        return tokens
    }

    // MARK: grammar, lowest precedence first

    private var peek: Token { tokens[position] }

    private mutating func take(_ op: String) -> Bool {
        if peek == .op(op) { position += 1; return true }
        return false
    }

    private mutating func comma(evaluating: Bool) throws -> Int64 {
        var value = try assignment(evaluating: evaluating)
        while take(",") { value = try assignment(evaluating: evaluating) }
        return value
    }

    static let assignmentOperators: Set<String> = ["=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|="]

    private mutating func assignment(evaluating: Bool) throws -> Int64 {
        if case .name(let name) = peek, case .op(let op) = tokens[position + 1], Self.assignmentOperators.contains(op) {
            position += 2
            let right = try assignment(evaluating: evaluating)
            guard evaluating else { return 0 }
            let value = op == "=" ? right : try Self.apply(String(op.dropLast()), try read(name), right, self)
            variables.set(name, String(value))
            return value
        }
        return try conditional(evaluating: evaluating)
    }

    private mutating func conditional(evaluating: Bool) throws -> Int64 {
        let condition = try binary(level: 0, evaluating: evaluating)
        guard take("?") else { return condition }
        let yes = try comma(evaluating: evaluating && condition != 0)
        guard take(":") else { throw failure("`:' expected for conditional expression") }
        let no = try conditional(evaluating: evaluating && condition == 0)
        return condition != 0 ? yes : no
    }

    /// Binary operators by precedence level, loosest first (all left-associative).
    static let levels: [[String]] = [["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"],
                                     ["<<", ">>"], ["+", "-"], ["*", "/", "%"]]

    private mutating func binary(level: Int, evaluating: Bool) throws -> Int64 {
        guard level < Self.levels.count else { return try power(evaluating: evaluating) }
        var left = try binary(level: level + 1, evaluating: evaluating)
        while case .op(let op) = peek, Self.levels[level].contains(op) {
            position += 1
            switch op {
            case "&&":
                let right = try binary(level: level + 1, evaluating: evaluating && left != 0)
                left = left != 0 && right != 0 ? 1 : 0
            case "||":
                let right = try binary(level: level + 1, evaluating: evaluating && left == 0)
                left = left != 0 || right != 0 ? 1 : 0
            default:
                let right = try binary(level: level + 1, evaluating: evaluating)
                left = evaluating ? try Self.apply(op, left, right, self) : 0
            }
        }
        return left
    }

    private mutating func power(evaluating: Bool) throws -> Int64 {
        let base = try unary(evaluating: evaluating)
        guard take("**") else { return base }
        let exponent = try power(evaluating: evaluating)
        return evaluating ? try Self.apply("**", base, exponent, self) : 0
    }

    private mutating func unary(evaluating: Bool) throws -> Int64 {
        if case .op(let op) = peek {
            switch op {
            case "-": position += 1; return 0 &- (try unary(evaluating: evaluating))
            case "+": position += 1; return try unary(evaluating: evaluating)
            case "!": position += 1; return try unary(evaluating: evaluating) == 0 ? 1 : 0
            case "~": position += 1; return ~(try unary(evaluating: evaluating))
            case "++", "--":
                position += 1
                guard case .name(let name) = peek else { throw failure("syntax error: operand expected") }
                position += 1
                guard evaluating else { return 0 }
                let value = op == "++" ? try read(name) &+ 1 : try read(name) &- 1
                variables.set(name, String(value))
                return value
            default: break
            }
        }
        return try postfix(evaluating: evaluating)
    }

    private mutating func postfix(evaluating: Bool) throws -> Int64 {
        switch peek {
        case .number(let digits):
            position += 1
            return try Self.constant(digits, in: text)
        case .name(let name):
            position += 1
            if case .op(let op) = peek, op == "++" || op == "--" {
                position += 1
                guard evaluating else { return 0 }
                let value = try read(name)
                variables.set(name, String(op == "++" ? value &+ 1 : value &- 1))
                return value
            }
            return evaluating ? try read(name) : 0
        case .op("("):
            position += 1
            let value = try comma(evaluating: evaluating)
            guard take(")") else { throw failure("missing `)'") }
            return value
        default:
            throw failure("syntax error: operand expected")
        }
    }

    // MARK: values

    /// A variable's value: empty or unset is 0, anything else is evaluated as an expression.
    private func read(_ name: String) throws -> Int64 {
        let value = variables.get(name).trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty { return 0 }
        if let number = Int64(value) { return number }
        return try Self.evaluate(value, variables: variables, depth: depth + 1)
    }

    /// A constant: decimal, `0`-octal, `0x` hex, or `BASE#DIGITS` (bases 2–64).
    static func constant(_ digits: String, in text: String) throws -> Int64 {
        var base: Int64 = 10
        var body = Substring(digits)
        if let hash = digits.firstIndex(of: "#") {
            guard let given = Int64(digits[..<hash]), (2...64).contains(given) else {
                throw Failure(message: "\(text): invalid arithmetic base (error token is \"\(digits)\")")
            }
            base = given
            body = digits[digits.index(after: hash)...]
        } else if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            base = 16
            body = digits.dropFirst(2)
        } else if digits.hasPrefix("0") && digits.count > 1 {
            base = 8
            body = digits.dropFirst()
        }
        var value: Int64 = 0
        for scalar in body.unicodeScalars {
            let digit: Int64
            switch scalar {
            case "0"..."9": digit = Int64(scalar.value - 48)
            case "a"..."z": digit = Int64(scalar.value - 97 + 10)
            case "A"..."Z": digit = Int64(scalar.value - 65 + (base > 36 ? 36 : 10))
            case "@": digit = 62
            case "_": digit = 63
            default: digit = 99
            }
            guard digit < base else { throw Failure(message: "\(text): value too great for base (error token is \"\(digits)\")") }
            value = value &* base &+ digit
        }
        return value
    }

    static func apply(_ op: String, _ left: Int64, _ right: Int64, _ parser: Arithmetic) throws -> Int64 {
        switch op {
        case "+": return left &+ right
        case "-": return left &- right
        case "*": return left &* right
        case "/", "%":
            guard right != 0 else { throw parser.failure("division by 0", back: 1) }
            if left == .min && right == -1 { return op == "/" ? .min : 0 }
            return op == "/" ? left / right : left % right
        case "**":
            guard right >= 0 else { throw parser.failure("exponent less than 0", back: 1) }
            var result: Int64 = 1
            var base = left
            var exponent = right
            while exponent > 0 {
                if exponent & 1 == 1 { result = result &* base }
                base = base &* base
                exponent >>= 1
            }
            return result
        case "<<": return left &<< right
        case ">>": return left &>> right
        case "&": return left & right
        case "^": return left ^ right
        case "|": return left | right
        case "<": return left < right ? 1 : 0
        case ">": return left > right ? 1 : 0
        case "<=": return left <= right ? 1 : 0
        case ">=": return left >= right ? 1 : 0
        case "==": return left == right ? 1 : 0
        case "!=": return left != right ? 1 : 0
        default: throw parser.failure("unknown operator \(op)")
        }
    }

    /// An error naming the rest of the expression from the current token, as bash does.
    private func failure(_ message: String, back: Int = 0) -> Failure {
        let rest = tokens[max(0, min(position - back, tokens.count - 1))...].compactMap { token -> String? in
            switch token {
            case .number(let text), .name(let text), .op(let text): return text
            case .end: return nil
            }
        }.joined()
        return Failure(message: "\(text.trimmingCharacters(in: .whitespaces)): \(message) (error token is \"\(rest)\")")
    }
}
