import Foundation

extension Builtins {
    /// `test EXPRESSION` and `[ EXPRESSION ]`: string, integer and file tests (POSIX's rules by
    /// argument count, then `!`, `-a`, `-o` and parentheses). Status 0 true, 1 false, 2 error.
    static func test(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        evaluateTest(execution, arguments, &io, name: "test")
    }

    static func bracket(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        guard arguments.last == "]" else {
            io.error("[: missing `]'\n")
            return 2
        }
        return evaluateTest(execution, Array(arguments.dropLast()), &io, name: "[")
    }

    static func evaluateTest(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO, name: String) -> Int32 {
        var evaluator = TestExpression(execution: execution, arguments: arguments)
        do {
            return try evaluator.evaluate() ? 0 : 1
        } catch {
            io.error("\(name): \(error.message)\n")
            return 2
        }
    }
}

/// The `test` expression evaluator over already-expanded arguments.
struct TestExpression {
    let execution: Execution
    let arguments: [String]
    var position = 0

    init(execution: Execution, arguments: [String]) {
        self.execution = execution
        self.arguments = arguments
    }

    mutating func evaluate() throws(ShellError) -> Bool {
        let value = try byCount(arguments[...])
        return value
    }

    /// POSIX's rules for 0–4 arguments, the general grammar beyond.
    mutating func byCount(_ args: ArraySlice<String>) throws(ShellError) -> Bool {
        let a = Array(args)
        switch a.count {
        case 0: return false
        case 1: return !a[0].isEmpty
        case 2:
            if a[0] == "!" { return a[1].isEmpty }
            if Execution.unaryTests.contains(a[0]) { return execution.unaryTest(a[0], a[1]) }
            throw ShellError(.badInput, "\(a[0]): unary operator expected")
        case 3:
            if Self.binary.contains(a[1]) { return try binary(a[0], a[1], a[2]) }
            if a[0] == "!" { return !(try byCount(args.dropFirst())) }
            if a[0] == "(" && a[2] == ")" { return !a[1].isEmpty }
            if a[1] == "-a" { return !a[0].isEmpty && !a[2].isEmpty }
            if a[1] == "-o" { return !a[0].isEmpty || !a[2].isEmpty }
            throw ShellError(.badInput, "\(a[1]): binary operator expected")
        case 4:
            if a[0] == "!" { return !(try byCount(args.dropFirst())) }
            if a[0] == "(" && a[3] == ")" { return try byCount(args.dropFirst().dropLast()) }
            fallthrough
        default:
            position = 0
            let value = try or()
            guard position == arguments.count else { throw ShellError(.badInput, "too many arguments") }
            return value
        }
    }

    static let binary: Set<String> = ["=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]

    func binary(_ left: String, _ op: String, _ right: String) throws(ShellError) -> Bool {
        if op.hasPrefix("-") && ["-eq", "-ne", "-lt", "-le", "-gt", "-ge"].contains(op) {
            return Execution.compareIntegers(op, try integer(left), try integer(right))
        }
        return execution.compareStrings(op, left, right)
    }

    func integer(_ text: String) throws(ShellError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int64(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed) else {
            throw ShellError(.badInput, "\(text): integer expression expected")
        }
        return value
    }

    var current: String? { position < arguments.count ? arguments[position] : nil }

    mutating func or() throws(ShellError) -> Bool {
        var value = try and()
        while current == "-o" { position += 1; value = try and() || value }
        return value
    }

    mutating func and() throws(ShellError) -> Bool {
        var value = try not()
        while current == "-a" { position += 1; value = try not() && value }
        return value
    }

    mutating func not() throws(ShellError) -> Bool {
        if current == "!" { position += 1; return !(try not()) }
        return try primary()
    }

    mutating func primary() throws(ShellError) -> Bool {
        guard let first = current else { throw ShellError(.badInput, "argument expected") }
        position += 1
        if first == "(" {
            let value = try or()
            guard current == ")" else { throw ShellError(.badInput, "`)' expected") }
            position += 1
            return value
        }
        if Execution.unaryTests.contains(first), let operand = current {
            position += 1
            return execution.unaryTest(first, operand)
        }
        if let op = current, Self.binary.contains(op), position + 1 < arguments.count {
            position += 2
            return try binary(first, op, arguments[position - 1])
        }
        return !first.isEmpty
    }
}
