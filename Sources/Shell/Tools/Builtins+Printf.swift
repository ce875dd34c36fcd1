import Foundation

extension Builtins {
    /// `printf [-v NAME] FORMAT [ARGUMENT]…`: bash's printf — `%s %b %c %d %i %o %u %x %X %f %F
    /// %e %E %g %G %%` with flags, width and precision (`*` too), backslash escapes, the format
    /// reused until the arguments run out, and 1 for an argument that is not a number.
    static func printf(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        var words = arguments
        var target: String?
        if words.first == "-v" {
            guard words.count >= 2 else { return usage(&io, "printf [-v NAME] FORMAT [ARGUMENT]…") }
            target = words[1]
            words.removeFirst(2)
        }
        if words.first == "--" { words.removeFirst() }
        guard let format = words.first else { return usage(&io, "printf [-v NAME] FORMAT [ARGUMENT]…") }
        var formatter = PrintfFormatter(format: Array(format.utf8), arguments: Array(words.dropFirst()))
        let output = formatter.run()
        if let message = formatter.failure { io.error("printf: \(message)\n") }
        if let target {
            execution.variables[target] = String(decoding: output, as: UTF8.self)
        } else {
            io.stdout.append(contentsOf: output)
        }
        return formatter.status
    }
}

/// Formats `printf` output byte by byte.
struct PrintfFormatter {
    let format: [UInt8]
    let arguments: [String]
    var next = 0
    var status: Int32 = 0
    var failure: String?
    var output: [UInt8] = []
    /// Set by `\c` in a `%b` argument: stop all output.
    var stopped = false

    init(format: [UInt8], arguments: [String]) {
        self.format = format
        self.arguments = arguments
    }

    mutating func run() -> [UInt8] {
        repeat {
            let before = next
            formatOnce()
            if stopped || next == before { break }
        } while next < arguments.count
        return output
    }

    mutating func takeArgument() -> String? {
        guard next < arguments.count else { return nil }
        defer { next += 1 }
        return arguments[next]
    }

    mutating func formatOnce() {
        var index = 0
        while index < format.count && !stopped {
            let byte = format[index]
            if byte == UInt8(ascii: "\\") {
                index = Self.escape(format, at: index, into: &output, inArgument: false).next
                continue
            }
            guard byte == UInt8(ascii: "%") else { output.append(byte); index += 1; continue }
            index += 1
            guard index < format.count else { output.append(byte); break }
            if format[index] == UInt8(ascii: "%") { output.append(byte); index += 1; continue }
            var spec = "%"
            while index < format.count, "-+ #0".utf8.contains(format[index]) { spec.append(Character(UnicodeScalar(format[index]))); index += 1 }
            var width: Int?
            var precision: Int?
            if index < format.count && format[index] == UInt8(ascii: "*") {
                width = Int(numberArgument(takeArgument()))
                index += 1
            } else {
                var digits = ""
                while index < format.count, (48...57).contains(format[index]) { digits.append(Character(UnicodeScalar(format[index]))); index += 1 }
                width = Int(digits)
            }
            if index < format.count && format[index] == UInt8(ascii: ".") {
                index += 1
                if index < format.count && format[index] == UInt8(ascii: "*") {
                    precision = Int(numberArgument(takeArgument()))
                    index += 1
                } else {
                    var digits = ""
                    while index < format.count, (48...57).contains(format[index]) { digits.append(Character(UnicodeScalar(format[index]))); index += 1 }
                    precision = Int(digits) ?? 0
                }
            }
            while index < format.count, "hlLqjzt".utf8.contains(format[index]) { index += 1 }
            guard index < format.count else {
                failure = "`\(spec)': missing format character"
                status = 1
                return
            }
            let conversion = Character(UnicodeScalar(format[index]))
            index += 1
            if let width, width < 0 { spec.append("-") }
            let widthText = width.map { String(abs($0)) } ?? ""
            let precisionText = precision.map { ".\($0)" } ?? ""
            switch conversion {
            case "s", "b", "c":
                var text: [UInt8]
                let argument = takeArgument() ?? ""
                if conversion == "b" {
                    text = []
                    let bytes = Array(argument.utf8)
                    var position = 0
                    while position < bytes.count {
                        if bytes[position] == UInt8(ascii: "\\") {
                            let result = Self.escape(bytes, at: position, into: &text, inArgument: true)
                            position = result.next
                            if result.stop { stopped = true; break }
                        } else {
                            text.append(bytes[position])
                            position += 1
                        }
                    }
                } else {
                    text = Array(argument.utf8)
                    if conversion == "c" { text = Array(text.prefix(1)) }
                }
                if let precision, conversion != "c" { text = Array(text.prefix(max(0, precision))) }
                let pad = [UInt8](repeating: 32, count: max(0, abs(width ?? 0) - text.count))
                output += spec.contains("-") ? text + pad : pad + text
            case "d", "i", "o", "u", "x", "X":
                let value = numberArgument(takeArgument())
                output += Self.cFormat(spec + widthText + precisionText + "ll" + String(conversion == "i" ? "d" : conversion), value)
            case "f", "F", "e", "E", "g", "G", "a", "A":
                let value = floatArgument(takeArgument())
                output += Self.cFormat(spec + widthText + precisionText + String(conversion), value)
            default:
                failure = "`\(conversion)': invalid format character"
                status = 1
                stopped = true
                return
            }
        }
    }

    /// An integer argument as bash reads it: decimal, `0x` hex, `0` octal, `'c` a character's code.
    mutating func numberArgument(_ argument: String?) -> Int64 {
        guard let argument, !argument.isEmpty else { return 0 }
        if let first = argument.first, first == "'" || first == "\"" {
            return Int64(argument.dropFirst().unicodeScalars.first?.value ?? 0)
        }
        var end: UnsafeMutablePointer<CChar>?
        errno = 0
        let value = argument.withCString { pointer -> Int64 in
            let result = strtoll(pointer, &end, 0)
            if end == nil || end!.pointee != 0 || end == UnsafeMutablePointer(mutating: pointer) { invalid(argument) }
            return Int64(result)
        }
        if errno == ERANGE { failure = "\(argument): Numerical result out of range"; status = 1 }
        return value
    }

    mutating func floatArgument(_ argument: String?) -> Double {
        guard let argument, !argument.isEmpty else { return 0 }
        if let first = argument.first, first == "'" || first == "\"" {
            return Double(argument.dropFirst().unicodeScalars.first?.value ?? 0)
        }
        var end: UnsafeMutablePointer<CChar>?
        return argument.withCString { pointer -> Double in
            let result = strtod(pointer, &end)
            if end == nil || end!.pointee != 0 || end == UnsafeMutablePointer(mutating: pointer) { invalid(argument) }
            return result
        }
    }

    mutating func invalid(_ argument: String) {
        failure = "\(argument): invalid number"
        status = 1
    }

    static func cFormat(_ spec: String, _ value: any CVarArg) -> [UInt8] {
        var buffer = [CChar](repeating: 0, count: 512)
        let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, spec, $0) }
        if count >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(count) + 1)
            _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, spec, $0) }
        }
        return buffer.prefix(Int(max(0, count))).map { UInt8(bitPattern: $0) }
    }

    /// Decodes the backslash escape at `index`: `\a \b \e \f \n \r \t \v \\ \" \' \?`, octal
    /// (`\NNN` in a format, `\0NNN` in a `%b` argument), `\xHH`, `\uHHHH`, and `\c` (stop) in
    /// an argument. Unknown escapes stay as written.
    static func escape(_ bytes: [UInt8], at index: Int, into output: inout [UInt8], inArgument: Bool) -> (next: Int, stop: Bool) {
        guard index + 1 < bytes.count else { output.append(92); return (index + 1, false) }
        let c = bytes[index + 1]
        let simple: [UInt8: UInt8] = [UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "e"): 27, UInt8(ascii: "E"): 27,
                                      UInt8(ascii: "f"): 12, UInt8(ascii: "n"): 10, UInt8(ascii: "r"): 13, UInt8(ascii: "t"): 9,
                                      UInt8(ascii: "v"): 11, 92: 92, 34: 34, 39: 39, UInt8(ascii: "?"): 63]
        if let value = simple[c], !(inArgument && (c == 34 || c == 63)) {
            output.append(value)
            return (index + 2, false)
        }
        if inArgument && c == UInt8(ascii: "c") { return (index + 2, true) }
        func digits(from start: Int, max: Int, radix: Int) -> (Int, Int) {
            var value = 0
            var position = start
            while position < bytes.count && position - start < max,
                  let digit = Int(String(UnicodeScalar(bytes[position])), radix: radix) {
                value = value * radix + digit
                position += 1
            }
            return (value, position)
        }
        if (48...55).contains(c) {
            let skipZero = inArgument && c == 48
            let (value, next) = digits(from: index + (skipZero ? 2 : 1), max: 3, radix: 8)
            output.append(UInt8(truncatingIfNeeded: value))
            return (next, false)
        }
        if c == UInt8(ascii: "x") {
            let (value, next) = digits(from: index + 2, max: 2, radix: 16)
            if next == index + 2 { output += [92, c]; return (index + 2, false) }
            output.append(UInt8(truncatingIfNeeded: value))
            return (next, false)
        }
        if c == UInt8(ascii: "u") || c == UInt8(ascii: "U") {
            let (value, next) = digits(from: index + 2, max: c == UInt8(ascii: "u") ? 4 : 8, radix: 16)
            if next == index + 2 { output += [92, c]; return (index + 2, false) }
            output += Array(String(UnicodeScalar(UInt32(value)).map(Character.init) ?? "?").utf8)
            return (next, false)
        }
        output += [92, c]
        return (index + 2, false)
    }
}
