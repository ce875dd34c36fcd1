import Foundation

/// Arithmetic (`$(( ))`, `(( ))`) and conditional expressions (`[[ ]]`, `test`, `[`).
extension Execution {
    /// Shell variables as the arithmetic evaluator reads and writes them.
    var arithmeticVariables: Arithmetic.Variables {
        Arithmetic.Variables(get: { [unowned self] in self.variable($0) }, set: { [unowned self] in self.variables[$0] = $1 })
    }

    /// `$(( expression ))`: the value, or on error a message and the program stops (as in bash).
    func arithmeticExpansion(_ word: ShellWord) async -> String {
        let text = await expandJoined(word)
        do {
            return String(try Arithmetic.evaluate(text, variables: arithmeticVariables))
        } catch {
            writeError("fsctx-sh: \((error as? Arithmetic.Failure)?.message ?? "\(error)")\n")
            aborted = true
            return ""
        }
    }

    /// `(( expression ))`: status 0 when the value is not zero, 1 when it is zero or an error.
    func arithmeticCommand(_ word: ShellWord) async -> Int32 {
        let text = await expandJoined(word)
        do {
            return try Arithmetic.evaluate(text, variables: arithmeticVariables) != 0 ? 0 : 1
        } catch {
            writeError("fsctx-sh: ((: \((error as? Arithmetic.Failure)?.message ?? "\(error)")\n")
            return 1
        }
    }

    /// `[[ … ]]`: 0 true, 1 false, 2 for a malformed expression.
    func conditionalCommand(_ tokens: [ConditionalToken]) async -> Int32 {
        var position = 0
        do {
            let value = try await conditionalOr(tokens, &position)
            guard position == tokens.count else { throw ShellError(.badInput, "syntax error in conditional expression") }
            return value ? 0 : 1
        } catch {
            writeError("fsctx-sh: [[: \(error)\n")
            return aborted ? 1 : 2
        }
    }

    private func conditionalOr(_ tokens: [ConditionalToken], _ position: inout Int, evaluate: Bool = true) async throws -> Bool {
        var value = try await conditionalAnd(tokens, &position, evaluate: evaluate)
        while position < tokens.count, case .op("||") = tokens[position] {
            position += 1
            let right = try await conditionalAnd(tokens, &position, evaluate: evaluate && !value)
            value = value || right
        }
        return value
    }

    private func conditionalAnd(_ tokens: [ConditionalToken], _ position: inout Int, evaluate: Bool) async throws -> Bool {
        var value = try await conditionalNot(tokens, &position, evaluate: evaluate)
        while position < tokens.count, case .op("&&") = tokens[position] {
            position += 1
            let right = try await conditionalNot(tokens, &position, evaluate: evaluate && value)
            value = value && right
        }
        return value
    }

    /// One operand of `&&`/`||`; with `evaluate` false it is only parsed (short circuit: no
    /// expansion runs) and is false.
    private func conditionalNot(_ tokens: [ConditionalToken], _ position: inout Int, evaluate: Bool) async throws -> Bool {
        guard position < tokens.count else { throw ShellError(.badInput, "unexpected end of conditional expression") }
        switch tokens[position] {
        case .op("!"):
            position += 1
            return !(try await conditionalNot(tokens, &position, evaluate: evaluate)) && evaluate
        case .op("("):
            position += 1
            let value = try await conditionalOr(tokens, &position, evaluate: evaluate)
            guard position < tokens.count, case .op(")") = tokens[position] else { throw ShellError(.badInput, "expected `)'") }
            position += 1
            return value
        case .op(let op):
            throw ShellError(.badInput, "syntax error near `\(op)'")
        case .word(let first):
            position += 1
            if let op = first.plainText, Self.unaryTests.contains(op), position < tokens.count, case .word(let operand) = tokens[position] {
                position += 1
                return evaluate ? unaryTest(op, await expandJoined(operand)) : false
            }
            var binary: String?
            if position < tokens.count {
                switch tokens[position] {
                case .op(let op) where op == "<" || op == ">": binary = op
                case .word(let word) where word.plainText.map(Self.binaryTests.contains) == true: binary = word.plainText
                default: break
                }
            }
            guard let binary else { return evaluate ? !(await expandJoined(first)).isEmpty : false }
            position += 1
            guard position < tokens.count, case .word(let second) = tokens[position] else {
                throw ShellError(.badInput, "expected an operand after `\(binary)'")
            }
            position += 1
            guard evaluate else { return false }
            let left = await expandJoined(first)
            switch binary {
            case "==", "=", "!=":
                let matched = fnmatch(await expandPattern(second, regex: false), left, 0) == 0
                return binary == "!=" ? !matched : matched
            case "=~":
                let pattern = await expandPattern(second, regex: true)
                let regex = try PosixRegex(pattern, extended: true)
                return regex.firstMatch(in: PosixRegex.cText(Array(left.utf8)), from: 0, notBOL: false) != nil
            case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
                let right = await expandJoined(second)
                let a = try Arithmetic.evaluate(left, variables: arithmeticVariables)
                let b = try Arithmetic.evaluate(right, variables: arithmeticVariables)
                return Self.compareIntegers(binary, a, b)
            default:
                return compareStrings(binary, left, await expandJoined(second))
            }
        }
    }

    /// A word as a pattern: quoted parts match literally, unquoted ones are glob (or regex) syntax.
    func expandPattern(_ word: ShellWord, regex: Bool) async -> String {
        let special = regex ? "\\^$.|?*+()[]{}" : "\\*?["
        func escaped(_ text: String) -> String {
            text.map { special.contains($0) ? "\\\($0)" : String($0) }.joined()
        }
        var pattern = ""
        for part in word.parts {
            switch part {
            case .literal(let text, let quoted): pattern += quoted ? escaped(text) : text
            case .variable(let name, let quoted): pattern += quoted ? escaped(variable(name)) : variable(name)
            case .command(let node, let quoted):
                let text = await substitute(node)
                pattern += quoted ? escaped(text) : text
            case .arithmetic(let expression): pattern += await arithmeticExpansion(expression)
            case .parameter(let expansion, let quoted):
                for piece in await parameterPieces(expansion) { pattern += quoted || piece.quoted ? escaped(piece.text) : piece.text }
            }
        }
        return pattern
    }

    static let unaryTests: Set<String> = ["-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-z", "-n", "-b", "-c", "-p", "-S", "-v"]
    static let binaryTests: Set<String> = ["=", "==", "!=", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]

    static func compareIntegers(_ op: String, _ a: Int64, _ b: Int64) -> Bool {
        switch op {
        case "-eq": return a == b
        case "-ne": return a != b
        case "-lt": return a < b
        case "-le": return a <= b
        case "-gt": return a > b
        default: return a >= b
        }
    }

    /// String and file comparisons shared by `[[ ]]` and `test` (byte order, as in the C locale).
    func compareStrings(_ op: String, _ left: String, _ right: String) -> Bool {
        switch op {
        case "=", "==": return left == right
        case "!=": return left != right
        case "<": return Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8))
        case ">": return Array(right.utf8).lexicographicallyPrecedes(Array(left.utf8))
        case "-nt", "-ot":
            let (a, b) = (modificationTime(left), modificationTime(right))
            if op == "-nt" { return a != nil && (b == nil || a! > b!) }
            return b != nil && (a == nil || a! < b!)
        case "-ef":
            guard let a = fileStatus(left), let b = fileStatus(right) else { return false }
            return a.st_dev == b.st_dev && a.st_ino == b.st_ino
        default: return false
        }
    }

    /// A unary test: string tests, and file tests on sandboxed paths (a path outside the
    /// corpus and scratch area does not exist).
    func unaryTest(_ op: String, _ operand: String) -> Bool {
        switch op {
        case "-z": return operand.isEmpty
        case "-n": return !operand.isEmpty
        case "-v": return variables[operand] != nil
        default: break
        }
        guard let info = fileStatus(operand) else { return false }
        let type = info.st_mode & S_IFMT
        switch op {
        case "-e", "-r": return true
        case "-f": return type == S_IFREG
        case "-d": return type == S_IFDIR
        case "-s": return info.st_size > 0
        case "-w": return sandbox.resolveWritable(operand).isSuccess
        case "-x": return info.st_mode & 0o111 != 0
        case "-b": return type == S_IFBLK
        case "-c": return type == S_IFCHR
        case "-p": return type == S_IFIFO
        case "-S": return type == S_IFSOCK
        default: return false
        }
    }

    func fileStatus(_ path: String) -> stat? {
        guard case .success(let resolved) = sandbox.resolve(path) else { return nil }
        var info = stat()
        return stat(resolved.url.path, &info) == 0 ? info : nil
    }

    func modificationTime(_ path: String) -> Double? {
        guard let info = fileStatus(path) else { return nil }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
