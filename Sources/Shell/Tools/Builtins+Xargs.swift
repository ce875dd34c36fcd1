import Foundation

extension Builtins {
    /// `xargs [-0] [-d D] [-n N] [-L N] [-I R] [-r] [-t] [COMMAND [ARGUMENT]…]`: runs COMMAND
    /// (default `echo`) with arguments read from standard input, as GNU xargs does (status 123
    /// when an invocation failed, 127 when the command does not exist).
    static func xargs(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let synopsis = "xargs [-0] [-d D] [-n N] [-L N] [-I R] [-r] [-t] [COMMAND [ARGUMENT]…]"
        var words = arguments[...]
        var perCall: Int?
        var linesPerCall: Int?
        var replace: String?
        var delimiter: UInt8?
        var noRunIfEmpty = false
        var trace = false
        while let word = words.first, word.hasPrefix("-"), word.count > 1 {
            words.removeFirst()
            if word == "--" { break }
            func value(_ flag: String) -> String? {
                if word.count > flag.count { return String(word.dropFirst(flag.count)) }
                return words.popFirst()
            }
            switch word.prefix(2) {
            case "-0": delimiter = 0
            case "-r": noRunIfEmpty = true
            case "-t": trace = true
            case "-n", "-L":
                guard let text = value(String(word.prefix(2))), let count = Int(text), count > 0 else {
                    return usage(&io, "xargs: \(word.prefix(2)) needs a positive number", synopsis)
                }
                if word.hasPrefix("-n") { perCall = count } else { linesPerCall = count }
            case "-I":
                guard let text = value("-I") else { return usage(&io, "xargs: -I needs a replacement string", synopsis) }
                replace = text
            case "-d":
                guard let text = value("-d") else { return usage(&io, "xargs: -d needs a delimiter", synopsis) }
                let decoded = pasteDelimiters(text)
                guard decoded.count == 1, decoded[0].count == 1 else { return usage(&io, "xargs: -d takes one character", synopsis) }
                delimiter = decoded[0][0]
            default:
                if word == "--no-run-if-empty" { noRunIfEmpty = true; continue }
                if word == "--null" { delimiter = 0; continue }
                return usage(&io, "xargs: invalid option -- '\(word.dropFirst())'", synopsis)
            }
        }
        let command = words.isEmpty ? ["echo"] : Array(words)
        let input = io.stdin
        var batches: [[String]] = []
        if let replace {
            let lines = TextLines.split(input).map { String(decoding: TextLines.content($0), as: UTF8.self) }
            for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let item = line.drop { $0 == " " || $0 == "\t" }
                batches.append(command.map { $0.replacingOccurrences(of: replace, with: item) })
            }
        } else {
            let items: [String]
            if let delimiter {
                var split = input.split(separator: delimiter, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                if split.last == "" { split.removeLast() }
                items = split
            } else if let linesPerCall {
                let lines = TextLines.split(input).map { xargsItems(Array(TextLines.content($0))) }.filter { !$0.isEmpty }
                for start in stride(from: 0, to: lines.count, by: linesPerCall) {
                    batches.append(command + lines[start..<min(lines.count, start + linesPerCall)].flatMap { $0 })
                }
                items = []
            } else {
                items = xargsItems(input)
            }
            if linesPerCall == nil || delimiter != nil {
                let size = perCall ?? max(1, items.count)
                for start in stride(from: 0, to: items.count, by: size) {
                    batches.append(command + items[start..<min(items.count, start + size)])
                }
            }
            if batches.isEmpty && !noRunIfEmpty { batches = [command] }
        }
        var status: Int32 = 0
        for batch in batches {
            if trace { io.error(batch.joined(separator: " ") + "\n") }
            execution.writeOutput(io.stdout)
            io.stdout.removeAll()
            let result = await execution.runCommand(batch[0], Array(batch.dropFirst()), stdin: InputCursor([]))
            switch result {
            case 0: break
            case 126, 127: return result
            case 255:
                io.error("xargs: \(batch[0]): exited with status 255; aborting\n")
                return 124
            default: status = 123
            }
        }
        return status
    }

    /// Splits xargs input at blanks and newlines, honouring single quotes, double quotes and
    /// backslashes.
    static func xargsItems(_ bytes: [UInt8]) -> [String] {
        var items: [String] = []
        var current: [UInt8] = []
        var inItem = false
        var quote: UInt8?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil } else { current.append(byte) }
                continue
            }
            switch byte {
            case 32, 9, 10:
                if inItem { items.append(String(decoding: current, as: UTF8.self)); current = []; inItem = false }
            case 39, 34:
                quote = byte
                inItem = true
            case 92 where index < bytes.count:
                current.append(bytes[index])
                index += 1
                inItem = true
            default:
                current.append(byte)
                inItem = true
            }
        }
        if inItem { items.append(String(decoding: current, as: UTF8.self)) }
        return items
    }
}
