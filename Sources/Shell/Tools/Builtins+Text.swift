import Foundation

extension Builtins {
    static func echo(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        var words = arguments
        var newline = true
        var escapes = false
        while let first = words.first, first.count > 1, first.hasPrefix("-"), first.dropFirst().allSatisfy({ "neE".contains($0) }) {
            if first.contains("n") { newline = false }
            if first.contains("e") { escapes = true }
            if first.contains("E") { escapes = false }
            words.removeFirst()
        }
        var text = words.joined(separator: " ")
        if escapes {
            text = text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")
                .replacingOccurrences(of: "\\\\", with: "\\")
        }
        io.print(text + (newline ? "\n" : ""))
        return 0
    }

    static func wc(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let parsed = CommandOptions.parse(arguments, command: "wc", flags: "lwcmL",
                                          long: ["lines": false, "words": false, "bytes": false, "chars": false],
                                          aliases: ["lines": "l", "words": "w", "bytes": "c", "chars": "m"])
        guard case .success(let options) = parsed else { return usage(&io, parsed.failureMessage, "wc [-l] [-w] [-c] [-m] [FILE]…") }
        var wanted = ["l", "w", "m", "c"].filter { options.has($0) }
        if wanted.isEmpty { wanted = ["l", "w", "c"] }
        let (files, failed) = execution.inputs(options.operands, &io, command: "wc")
        var rows: [([Int], String)] = []
        var totals = [Int](repeating: 0, count: wanted.count)
        for file in files {
            let counts = wanted.map { count($0, file.bytes) }
            for index in counts.indices { totals[index] += counts[index] }
            rows.append((counts, file.name == "-" && options.operands.isEmpty ? "" : file.name))
        }
        let total = files.filter { $0.name != "-" }.reduce(0) { $0 + $1.bytes.count }
        var width = wanted.count == 1 && files.count == 1 ? 1 : max(1, String(total).count)
        if files.contains(where: { $0.name == "-" }) && !(wanted.count == 1 && files.count == 1) { width = max(width, 7) }
        if files.count > 1 { rows.append((totals, "total")) }
        for (counts, name) in rows {
            let cells = counts.map { String(repeating: " ", count: max(0, width - String($0).count)) + String($0) }
            io.print(cells.joined(separator: " ") + (name.isEmpty ? "" : " \(name)") + "\n")
        }
        return failed ? 1 : 0
    }

    static func count(_ kind: String, _ bytes: [UInt8]) -> Int {
        switch kind {
        case "l": return bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        case "c": return bytes.count
        case "m": return bytes.reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
        default:
            // GNU wc in the C locale (the differential tests' locale): a printable byte other than
            // a space makes a word, white space (tab, newline, vertical tab, form feed, carriage
            // return, space) ends it, and every other byte (controls, DEL, bytes ≥ 0x80 such as
            // the UTF-8 of U+0097 or NBSP) does neither: a lone run of them is not a word.
            var words = 0
            var inWord = false
            for byte in bytes {
                if byte == 32 || (9...13).contains(byte) {
                    inWord = false
                } else if (33...126).contains(byte), !inWord {
                    words += 1
                    inWord = true
                }
            }
            return words
        }
    }

    static func nl(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        guard case .success(let options) = CommandOptions.parse(arguments, command: "nl", flags: "", valued: "b"),
              ["a", "t", nil].contains(options.value("b")) else {
            return usage(&io, "nl [-b a|t] [FILE]…")
        }
        let all = options.value("b") == "a"
        let (files, failed) = execution.inputs(options.operands, &io, command: "nl")
        var number = 0
        for file in files {
            for line in TextLines.split(file.bytes) {
                if !all && TextLines.content(line).isEmpty {
                    io.print("       ")
                } else {
                    number += 1
                    io.print(String(repeating: " ", count: max(0, 6 - String(number).count)) + "\(number)\t")
                }
                io.stdout.append(contentsOf: line)
            }
        }
        return failed ? 1 : 0
    }

    static func uniq(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let parsed = CommandOptions.parse(arguments, command: "uniq", flags: "cdui",
                                          long: ["count": false, "repeated": false, "unique": false, "ignore-case": false],
                                          aliases: ["count": "c", "repeated": "d", "unique": "u", "ignore-case": "i"])
        guard case .success(let options) = parsed, options.operands.count <= 1 else {
            return usage(&io, parsed.failureMessage, "uniq [-c] [-d] [-u] [-i] [FILE]")
        }
        let (files, failed) = execution.inputs(options.operands, &io, command: "uniq")
        guard let file = files.first else { return failed ? 1 : 0 }
        if !options.has("i") {
            io.stdout += uniqLines(file.bytes, counts: options.has("c"), repeated: options.has("d"), unique: options.has("u"))
            return failed ? 1 : 0
        }
        let lines = TextLines.split(file.bytes)
        func key(_ line: ArraySlice<UInt8>) -> [UInt8] {
            let content = TextLines.content(line)
            return options.has("i") ? content.map { (65...90).contains($0) ? $0 + 32 : $0 } : Array(content)
        }
        let caseless = options.has("i")
        func same(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
            caseless ? key(a) == key(b) : TextLines.content(a) == TextLines.content(b)
        }
        var index = 0
        while index < lines.count {
            var end = index + 1
            while end < lines.count && same(lines[index], lines[end]) { end += 1 }
            let count = end - index
            let show = (!options.has("d") || count > 1) && (!options.has("u") || count == 1)
            if show {
                if options.has("c") { io.print(String(repeating: " ", count: max(0, 7 - String(count).count)) + "\(count) ") }
                io.stdout.append(contentsOf: TextLines.content(lines[index]))
                io.print("\n")
            }
            index = end
        }
        return failed ? 1 : 0
    }

    /// `uniq` without `-i`: runs of equal lines found with memchr and memcmp in place (no
    /// per-line slices: millions of lines from a pipe cost no allocations).
    static func uniqLines(_ bytes: [UInt8], counts: Bool, repeated: Bool, unique: Bool) -> [UInt8] {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            func lineEnd(_ start: Int) -> Int {
                memchr(base + start, 10, buffer.count - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
            }
            var start = 0
            while start < buffer.count {
                let length = lineEnd(start) - start
                var next = min(start + length + 1, buffer.count)
                var count = 1
                while next < buffer.count {
                    let nextLength = lineEnd(next) - next
                    guard nextLength == length, memcmp(base + start, base + next, length) == 0 else { break }
                    count += 1
                    next = min(next + length + 1, buffer.count)
                }
                if (!repeated || count > 1) && (!unique || count == 1) {
                    if counts { output += Array((String(repeating: " ", count: max(0, 7 - String(count).count)) + "\(count) ").utf8) }
                    output.append(contentsOf: UnsafeBufferPointer(start: base + start, count: length))
                    output.append(10)
                }
                start = next
            }
        }
        return output
    }

    static func cut(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let parsed = CommandOptions.parse(arguments, command: "cut", flags: "s", valued: "dfcb",
                                          long: ["delimiter": true, "fields": true, "characters": true, "bytes": true,
                                                 "only-delimited": false, "output-delimiter": true],
                                          aliases: ["delimiter": "d", "fields": "f", "characters": "c", "bytes": "b", "only-delimited": "s"])
        guard case .success(let options) = parsed else { return usage(&io, parsed.failureMessage, "cut -f LIST [-d C] [-s] | -c LIST [FILE]…") }
        let byFields = options.value("f") != nil
        guard let listText = options.value("f") ?? options.value("c") ?? options.value("b"), let ranges = parseList(listText) else {
            io.error("cut: you must specify a list of bytes, characters, or fields (e.g. -f 1,3-5)\n")
            return 1
        }
        let delimiterText = options.value("d") ?? "\t"
        guard delimiterText.utf8.count == 1 else {
            io.error("cut: the delimiter must be a single character\n")
            return 1
        }
        let delimiter = delimiterText.utf8.first!
        let outputDelimiter = Array((options.value("output-delimiter") ?? delimiterText).utf8)
        func selected(_ position: Int) -> Bool { ranges.contains { $0.contains(position) } }
        let (files, failed) = execution.inputs(options.operands, &io, command: "cut")
        for file in files {
            for line in TextLines.split(file.bytes) {
                let content = TextLines.content(line)
                if byFields {
                    guard content.contains(delimiter) else {
                        if !options.has("s") { io.stdout.append(contentsOf: content); io.print("\n") }
                        continue
                    }
                    let fields = content.split(separator: delimiter, omittingEmptySubsequences: false)
                    var first = true
                    for (position, field) in fields.enumerated() where selected(position + 1) {
                        if !first { io.stdout.append(contentsOf: outputDelimiter) }
                        io.stdout.append(contentsOf: field)
                        first = false
                    }
                } else {
                    for (position, byte) in content.enumerated() where selected(position + 1) { io.stdout.append(byte) }
                }
                io.print("\n")
            }
        }
        return failed ? 1 : 0
    }

    /// Parses a cut list like `1,3-5,-2,7-` into ranges.
    static func parseList(_ text: String) -> [ClosedRange<Int>]? {
        var ranges: [ClosedRange<Int>] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 1 {
                guard let value = Int(parts[0]), value >= 1 else { return nil }
                ranges.append(value...value)
            } else {
                let low = parts[0].isEmpty ? 1 : Int(parts[0])
                let high = parts[1].isEmpty ? Int.max : Int(parts[1])
                guard let low, let high, low >= 1, low <= high, !(parts[0].isEmpty && parts[1].isEmpty) else { return nil }
                ranges.append(low...high)
            }
        }
        return ranges.isEmpty ? nil : ranges
    }
}
