import Foundation

extension Builtins {
    /// One `-k` key: fields `start...end` (1-based, end nil: to the end of the line) and its own
    /// ordering flags (`n`, `r`, `f`, `b`), empty when the global flags apply.
    struct SortKey {
        var start: Int
        var startChar: Int
        var end: Int?
        var flags: Set<Character>
    }

    static func sort(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let parsed = CommandOptions.parse(arguments, command: "sort", flags: "nrufbs", valued: "kt",
                                          long: ["numeric-sort": false, "reverse": false, "unique": false, "ignore-case": false,
                                                 "key": true, "field-separator": true, "stable": false],
                                          aliases: ["numeric-sort": "n", "reverse": "r", "unique": "u", "ignore-case": "f",
                                                    "key": "k", "field-separator": "t", "stable": "s"])
        guard case .success(let options) = parsed else { return usage(&io, parsed.failureMessage, "sort [-n] [-r] [-u] [-f] [-t C] [-k F[,G]] [FILE]…") }
        var keys: [SortKey] = []
        for definition in options.values("k") {
            guard let key = parseKey(definition) else {
                io.error("sort: invalid key '\(definition)'; use -k F or -k F,G (fields count from 1), e.g. -k2,2n\n")
                return 2
            }
            keys.append(key)
        }
        let separator = options.value("t")
        guard separator == nil || separator!.utf8.count == 1 else {
            io.error("sort: the separator must be a single character\n")
            return 2
        }
        let global = Set(["n", "r", "f", "b"].filter { options.has($0) }.compactMap(\.first))
        let (files, failed) = execution.inputs(options.operands, &io, command: "sort")
        if keys.isEmpty && global.isSubset(of: ["r"]) {
            io.stdout += sortWholeLines(files.map(\.bytes), reverse: global.contains("r"), unique: options.has("u"))
            return failed ? 2 : 0
        }
        var lines: [[UInt8]] = []
        for file in files { lines += TextLines.split(file.bytes).map { Array(TextLines.content($0)) } }
        let sep = separator?.utf8.first
        let effectiveKeys = keys.isEmpty ? [SortKey(start: 1, startChar: 1, end: nil, flags: [])] : keys
        let lastResort = !(options.has("s") || options.has("u"))
        func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
            for key in effectiveKeys {
                let flags = key.flags.subtracting(["b"]).isEmpty ? global.union(key.flags) : key.flags
                var result = compareKey(extract(a, key, sep, flags), extract(b, key, sep, flags), flags)
                if flags.contains("r") { result = -result }
                if result != 0 { return result }
            }
            guard lastResort else { return 0 }
            let result = a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
            return global.contains("r") ? -result : result
        }
        let sorted = lines.enumerated().sorted { left, right in
            let result = compare(left.element, right.element)
            return result != 0 ? result < 0 : left.offset < right.offset
        }.map(\.element)
        var previous: [UInt8]?
        for line in sorted {
            if options.has("u"), let previous, compare(previous, line) == 0 { continue }
            io.stdout.append(contentsOf: line)
            io.print("\n")
            previous = line
        }
        return failed ? 2 : 0
    }

    /// Whole lines in byte order (LC_ALL=C): line ranges into one buffer compared with memcmp, no
    /// per-line copies (equal lines are identical, so neither stability nor -r's reversal of
    /// ties can show).
    static func sortWholeLines(_ inputs: [[UInt8]], reverse: Bool, unique: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        if inputs.count == 1 && inputs[0].last == 10 {
            bytes = inputs[0]  // one input that ends its last line: no copy
        } else {
            for input in inputs {
                bytes += input
                if let last = input.last, last != 10 { bytes.append(10) }
            }
        }
        // Each line with its first 8 bytes as a big-endian number (zero-padded): most comparisons
        // end on that integer; equal prefixes fall back to memcmp of the whole lines. A smaller
        // prefix number means a smaller line, since a line shorter than 8 bytes is padded with
        // the lowest byte and a prefix sorts first.
        var lines: [(prefix: UInt64, start: Int, count: Int)] = []
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let found = memchr(base + start, 10, buffer.count - start) {
                let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                var prefix: UInt64 = 0
                for offset in 0..<8 { prefix = prefix << 8 | UInt64(start + offset < end ? base[start + offset] : 0) }
                lines.append((prefix, start, end - start))
                start = end + 1
            }
            func precedes(_ a: (prefix: UInt64, start: Int, count: Int), _ b: (prefix: UInt64, start: Int, count: Int)) -> Bool {
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                let order = memcmp(base + a.start, base + b.start, min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
            lines.sort(by: precedes)
            if reverse { lines.reverse() }
            var previous: (prefix: UInt64, start: Int, count: Int)?
            for line in lines {
                if unique, let previous, previous.count == line.count, memcmp(base + previous.start, base + line.start, line.count) == 0 { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[line.start..<(line.start + line.count)]))
                output.append(10)
                previous = line
            }
        }
        return output
    }

    static func parseKey(_ text: String) -> SortKey? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        func field(_ part: Substring) -> (Int, Int, Set<Character>)? {
            let digits = part.prefix { $0.isNumber || $0 == "." }
            let flags = Set(part.dropFirst(digits.count))
            guard flags.isSubset(of: ["n", "r", "f", "b"]) else { return nil }
            let numbers = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard let value = Int(numbers[0]), value >= 1 else { return nil }
            let char = numbers.count > 1 ? Int(numbers[1]) ?? 0 : 0
            return (value, char, flags)
        }
        guard let start = field(parts[0]) else { return nil }
        var key = SortKey(start: start.0, startChar: max(1, start.1), end: nil, flags: start.2)
        if parts.count == 2 {
            guard let end = field(parts[1]) else { return nil }
            key.end = end.0
            key.flags.formUnion(end.2)
        }
        return key
    }

    /// The bytes of a key: from field `start` to the end of field `end` (blank-separated fields
    /// keep their leading blanks, as GNU sort does without -b).
    static func extract(_ line: [UInt8], _ key: SortKey, _ separator: UInt8?, _ flags: Set<Character>) -> ArraySlice<UInt8> {
        var bounds: [(Int, Int)] = []
        if let separator {
            var start = 0
            for (index, byte) in line.enumerated() where byte == separator {
                bounds.append((start, index))
                start = index + 1
            }
            bounds.append((start, line.count))
        } else {
            var index = 0
            while index < line.count {
                let start = index
                while index < line.count && (line[index] == 32 || line[index] == 9) { index += 1 }
                while index < line.count && !(line[index] == 32 || line[index] == 9) { index += 1 }
                bounds.append((start, index))
            }
        }
        guard key.start <= bounds.count else { return [] }
        var from = bounds[key.start - 1].0
        if flags.contains("b") || flags.contains("n") {
            while from < line.count && (line[from] == 32 || line[from] == 9) { from += 1 }
        }
        from = min(line.count, from + key.startChar - 1)
        let to = key.end.map { $0 <= bounds.count ? bounds[$0 - 1].1 : line.count } ?? line.count
        return from < to ? line[from..<to] : []
    }

    static func compareKey(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>, _ flags: Set<Character>) -> Int {
        if flags.contains("n") {
            let x = numericPrefix(a), y = numericPrefix(b)
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        if flags.contains("f") {
            let upper = { (byte: UInt8) in (97...122).contains(byte) ? byte - 32 : byte }
            let x = a.map(upper), y = b.map(upper)
            return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        }
        return a.lexicographicallyPrecedes(b) ? -1 : (a.elementsEqual(b) ? 0 : 1)
    }

    /// The leading number of a key, as `sort -n` reads it (blanks, sign, digits, one point); 0 if none.
    static func numericPrefix(_ bytes: ArraySlice<UInt8>) -> Double {
        var text = ""
        var index = bytes.startIndex
        while index < bytes.endIndex && (bytes[index] == 32 || bytes[index] == 9) { index += 1 }
        if index < bytes.endIndex && bytes[index] == 45 { text.append("-"); index += 1 }
        var sawPoint = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if (48...57).contains(byte) { text.append(Character(UnicodeScalar(byte))) }
            else if byte == 46 && !sawPoint { sawPoint = true; text.append(".") }
            else { break }
            index += 1
        }
        return Double(text) ?? (text.count > 1 ? Double(text + "0") ?? 0 : 0)
    }
}
