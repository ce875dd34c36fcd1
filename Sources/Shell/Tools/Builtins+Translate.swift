import Foundation

extension Builtins {
    /// `tr [-c] [-d] [-s] [-t] SET1 [SET2]`: GNU tr over bytes — ranges, `[:class:]`, `[c*n]`,
    /// escapes, complement, delete and squeeze.
    static func tr(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let synopsis = "tr [-cdst] SET1 [SET2]   (e.g. tr a-z A-Z, tr -d '\\r', tr -s ' ')"
        let parsed = CommandOptions.parse(arguments, command: "tr", flags: "cCdst",
                                          long: ["complement": false, "delete": false, "squeeze-repeats": false, "truncate-set1": false],
                                          aliases: ["complement": "c", "delete": "d", "squeeze-repeats": "s", "truncate-set1": "t"])
        guard case .success(let options) = parsed else { return usage(&io, parsed.failureMessage, synopsis) }
        let delete = options.has("d")
        let squeeze = options.has("s")
        let complement = options.has("c") || options.has("C")
        let sets = options.operands
        let allowed = delete ? (squeeze ? 2...2 : 1...1) : (squeeze ? 1...2 : 2...2)
        guard !sets.isEmpty else { _ = usage(&io, "tr: missing operand", synopsis); return 1 }
        guard allowed.contains(sets.count) else {
            let message = sets.count > allowed.upperBound ? "tr: extra operand '\(sets[allowed.upperBound])'" : "tr: missing operand after '\(sets[0])'"
            _ = usage(&io, message, synopsis)
            return 1
        }
        var set1: [UInt8]
        var set2: [UInt8] = []
        do {
            set1 = try TranslationSet.expand(sets[0], repeatsAllowed: false)
            if sets.count > 1 { set2 = try TranslationSet.expand(sets[1], repeatsAllowed: true, targetLength: nil) }
        } catch {
            io.error("tr: \(error.message)\n")
            return 1
        }
        if complement {
            let members = Set(set1)
            set1 = (0...255).map(UInt8.init).filter { !members.contains($0) }
        }
        if sets.count > 1 && !delete {
            set2 = (try? TranslationSet.expand(sets[1], repeatsAllowed: true, targetLength: set1.count)) ?? set2
        }
        var map = (0...255).map(UInt8.init)
        var deleted = [Bool](repeating: false, count: 256)
        var squeezed = [Bool](repeating: false, count: 256)
        if delete {
            for byte in set1 { deleted[Int(byte)] = true }
            if squeeze { for byte in set2 { squeezed[Int(byte)] = true } }
        } else if sets.count > 1 {
            if options.has("t") { set1 = Array(set1.prefix(set2.count)) }
            guard !set2.isEmpty || set1.isEmpty else {
                io.error("tr: when not truncating set1, string2 must be non-empty\n")
                return 1
            }
            for (position, byte) in set1.enumerated() {
                map[Int(byte)] = position < set2.count ? set2[position] : set2[set2.count - 1]
            }
            if squeeze { for byte in set2 { squeezed[Int(byte)] = true } }
        } else {
            for byte in set1 { squeezed[Int(byte)] = true }
        }
        let input = io.stdin
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var last: Int = -1
        for byte in input where !deleted[Int(byte)] {
            let mapped = map[Int(byte)]
            if squeezed[Int(mapped)] && Int(mapped) == last { continue }
            output.append(mapped)
            last = Int(mapped)
        }
        io.stdout += output
        return 0
    }
}

/// Expands a tr set (`a-z`, `[:digit:]`, `\n`, `[x*4]`) into its bytes.
enum TranslationSet {
    static let classes: [String: @Sendable (UInt8) -> Bool] = [
        "alpha": { isalpha(Int32($0)) != 0 }, "digit": { isdigit(Int32($0)) != 0 }, "alnum": { isalnum(Int32($0)) != 0 },
        "upper": { isupper(Int32($0)) != 0 }, "lower": { islower(Int32($0)) != 0 }, "space": { isspace(Int32($0)) != 0 },
        "blank": { $0 == 32 || $0 == 9 }, "punct": { ispunct(Int32($0)) != 0 }, "print": { isprint(Int32($0)) != 0 },
        "graph": { isgraph(Int32($0)) != 0 }, "cntrl": { iscntrl(Int32($0)) != 0 }, "xdigit": { isxdigit(Int32($0)) != 0 },
    ]

    static func expand(_ text: String, repeatsAllowed: Bool, targetLength: Int? = nil) throws(ShellError) -> [UInt8] {
        let bytes = Array(text.utf8)
        var characters: [UInt8] = []
        var items: [(bytes: [UInt8], fill: Bool)] = []
        var index = 0
        func flush() { if !characters.isEmpty { items.append((characters, false)); characters = [] } }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "["), index + 1 < bytes.count {
                let rest = bytes[(index + 1)...]
                if rest.first == UInt8(ascii: ":"), let close = find(":]", in: bytes, from: index + 2) {
                    let name = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
                    guard let test = classes[name] else { throw ShellError(.badInput, "invalid character class '\(name)'") }
                    flush()
                    items.append(((0...255).map(UInt8.init).filter(test), false))
                    index = close + 2
                    continue
                }
                if rest.first == UInt8(ascii: "="), let close = find("=]", in: bytes, from: index + 2), close == index + 3 {
                    characters.append(bytes[index + 2])
                    index = close + 2
                    continue
                }
                if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "*"), let close = bytes[(index + 3)...].firstIndex(of: UInt8(ascii: "]")) {
                    guard repeatsAllowed else { throw ShellError(.badInput, "the [c*] repeat construct may not appear in string1") }
                    let countText = String(decoding: bytes[(index + 3)..<close], as: UTF8.self)
                    let count = countText.isEmpty ? nil : Int(countText, radix: countText.hasPrefix("0") ? 8 : 10)
                    flush()
                    if let count, count > 0 {
                        items.append(([UInt8](repeating: bytes[index + 1], count: count), false))
                    } else {
                        items.append(([bytes[index + 1]], true))
                    }
                    index = close + 1
                    continue
                }
            }
            let (byte, next) = character(bytes, at: index)
            if next < bytes.count - 1, bytes[next] == UInt8(ascii: "-") {
                let (high, after) = character(bytes, at: next + 1)
                guard high >= byte else {
                    throw ShellError(.badInput, "range-endpoints of '\(Character(UnicodeScalar(byte)))-\(Character(UnicodeScalar(high)))' are in reverse collating sequence order")
                }
                characters += Array(byte...high)
                index = after
                continue
            }
            characters.append(byte)
            index = next
        }
        flush()
        let fixed = items.filter { !$0.fill }.reduce(0) { $0 + $1.bytes.count }
        var result: [UInt8] = []
        for item in items {
            if item.fill {
                result += [UInt8](repeating: item.bytes[0], count: max(0, (targetLength ?? fixed) - fixed))
            } else {
                result += item.bytes
            }
        }
        return result
    }

    static func find(_ text: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(text.utf8)
        var index = start
        while index + needle.count <= bytes.count {
            if Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// One character of a set, decoding backslash escapes.
    static func character(_ bytes: [UInt8], at index: Int) -> (UInt8, Int) {
        guard bytes[index] == 92, index + 1 < bytes.count else { return (bytes[index], index + 1) }
        let c = bytes[index + 1]
        let simple: [UInt8: UInt8] = [UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "f"): 12, UInt8(ascii: "n"): 10,
                                      UInt8(ascii: "r"): 13, UInt8(ascii: "t"): 9, UInt8(ascii: "v"): 11]
        if let value = simple[c] { return (value, index + 2) }
        if (48...55).contains(c) {
            var value = 0
            var position = index + 1
            while position < bytes.count, position < index + 4, (48...55).contains(bytes[position]) {
                value = value * 8 + Int(bytes[position] - 48)
                position += 1
            }
            return (UInt8(truncatingIfNeeded: value), position)
        }
        return (c, index + 2)
    }
}
