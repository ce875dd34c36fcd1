import Foundation

extension Builtins {
    /// `paste [-s] [-d LIST] [FILE]…`: lines of the files side by side (or each file on one
    /// line with `-s`), joined by the delimiters of LIST in turn (`\n`, `\t`, `\\`, `\0` escapes).
    static func paste(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let parsed = CommandOptions.parse(arguments, command: "paste", flags: "s", valued: "d",
                                          long: ["serial": false, "delimiters": true], aliases: ["serial": "s", "delimiters": "d"])
        guard case .success(let options) = parsed else { return usage(&io, parsed.failureMessage, "paste [-s] [-d LIST] [FILE]…") }
        let delimiters = pasteDelimiters(options.value("d") ?? "\t")
        let operands = options.operands.isEmpty ? ["-"] : options.operands
        let stdinColumns = operands.filter { $0 == "-" }.count
        var stdinLines: [ArraySlice<UInt8>] = stdinColumns > 0 ? TextLines.split(io.stdin).map(TextLines.content) : []
        var stdinColumn = 0
        var files: [[ArraySlice<UInt8>]] = []
        var failed = false
        for operand in operands {
            if operand == "-" {
                if options.has("s") {
                    files.append(stdinLines)
                    stdinLines = []
                } else {
                    // Several `-` columns take standard input's lines in turn, as GNU paste does.
                    files.append(stride(from: stdinColumn, to: stdinLines.count, by: stdinColumns).map { stdinLines[$0] })
                    stdinColumn += 1
                }
                continue
            }
            switch execution.readFile(operand) {
            case .success(let bytes): files.append(TextLines.split(bytes).map(TextLines.content))
            case .failure(let message): io.error("paste: \(message)\n"); failed = true
            }
        }
        if failed { return 1 }
        func delimiter(_ position: Int) -> [UInt8] { delimiters.isEmpty ? [] : delimiters[position % delimiters.count] }
        if options.has("s") {
            for lines in files {
                for (position, line) in lines.enumerated() {
                    if position > 0 { io.stdout += delimiter(position - 1) }
                    io.stdout += line
                }
                io.stdout.append(10)
            }
            return 0
        }
        let rows = stdinColumns > 1 ? (stdinLines.count + stdinColumns - 1) / stdinColumns : files.map(\.count).max() ?? 0
        for row in 0..<rows {
            for (column, lines) in files.enumerated() {
                if column > 0 { io.stdout += delimiter(column - 1) }
                if row < lines.count { io.stdout += lines[row] }
            }
            io.stdout.append(10)
        }
        return 0
    }

    static func pasteDelimiters(_ text: String) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == 92, let next = bytes.popFirst() else { result.append([byte]); continue }
            switch next {
            case UInt8(ascii: "n"): result.append([10])
            case UInt8(ascii: "t"): result.append([9])
            case UInt8(ascii: "0"): result.append([])
            default: result.append([next])
            }
        }
        return result
    }

    /// `seq [-s SEP] [-w] [-f FORMAT] [FIRST [INCREMENT]] LAST`: numbers from FIRST to LAST
    /// (integers, or decimals printed with the inputs' precision).
    static func seq(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let synopsis = "seq [-s SEP] [-w] [-f FORMAT] [FIRST [INCREMENT]] LAST"
        var words = arguments
        var separator = "\n"
        var equalWidth = false
        var format: String?
        while let first = words.first, first.hasPrefix("-"), first.count > 1, Double(first) == nil {
            words.removeFirst()
            switch first {
            case "-w", "--equal-width": equalWidth = true
            case "-s", "-f":
                guard let value = words.first else { return usage(&io, "seq: option requires an argument -- '\(first.dropFirst())'", synopsis) }
                words.removeFirst()
                if first == "-s" { separator = value } else { format = value }
            case "--": break
            default:
                if first.hasPrefix("-s") { separator = String(first.dropFirst(2)) }
                else if first.hasPrefix("-f") { format = String(first.dropFirst(2)) }
                else { return usage(&io, "seq: invalid option -- '\(first.dropFirst())'", synopsis) }
            }
        }
        guard (1...3).contains(words.count) else {
            _ = usage(&io, words.isEmpty ? "seq: missing operand" : "seq: extra operand '\(words[3])'", synopsis)
            return 1
        }
        var numbers: [Double] = []
        for word in words {
            guard let value = Double(word.trimmingCharacters(in: .whitespaces)), value.isFinite || word.lowercased().contains("inf") else {
                io.error("seq: invalid floating point argument: '\(word)'\n")
                return 1
            }
            numbers.append(value)
        }
        let first = words.count > 1 ? numbers[0] : 1
        let step = words.count == 3 ? numbers[1] : 1
        let last = numbers[numbers.count - 1]
        guard step != 0 else {
            io.error("seq: invalid Zero increment value: '\(words[1])'\n")
            return 1
        }
        func fraction(_ text: String) -> Int {
            guard let dot = text.firstIndex(of: ".") else { return 0 }
            return text[text.index(after: dot)...].prefix { $0.isNumber }.count
        }
        let precision = max(words.count > 1 ? fraction(words[0]) : 0, words.count == 3 ? fraction(words[1]) : 0)
        var rendered: [String] = []
        var count = 0
        while true {
            let value = first + Double(count) * step
            if step > 0 ? value > last : value < last { break }
            if count >= 10_000_000 {
                io.error("seq: stopped after 10000000 numbers\n")
                break
            }
            if let format {
                var formatter = PrintfFormatter(format: Array(format.utf8), arguments: [String(value)])
                rendered.append(String(decoding: formatter.run(), as: UTF8.self))
            } else {
                rendered.append(String(format: "%.\(precision)f", value))
            }
            count += 1
        }
        if equalWidth && format == nil {
            let lastText = String(format: "%.\(precision)f", last)
            let width = max(rendered.map(\.count).max() ?? 0, lastText.count)
            rendered = rendered.map { text in
                let negative = text.hasPrefix("-")
                let digits = negative ? String(text.dropFirst()) : text
                return (negative ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + digits
            }
        }
        if !rendered.isEmpty { io.print(rendered.joined(separator: separator) + "\n") }
        return 0
    }
}
