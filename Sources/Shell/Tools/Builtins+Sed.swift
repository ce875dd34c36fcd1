import Foundation

extension Builtins {
    /// `sed [-n] [-E|-r] [-e SCRIPT]… [SCRIPT] [FILE]…`: GNU sed's `s///` (flags g, p, N, I;
    /// `&`, `\1`–`\9`, `\U \L \u \l \E` in the replacement), `y///`, `p`, `d`, `q`, `Q`, `=`,
    /// with line, `$` and `/regex/` addresses, ranges and `!`. The corpus is read-only, so no `-i`.
    static func sed(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let synopsis = "sed [-n] [-E] [-e SCRIPT]… [SCRIPT] [FILE]…   (e.g. sed -n '10,20p', sed -E 's/(a+)b/\\1/g')"
        let parsed = CommandOptions.parse(arguments, command: "sed", flags: "nErsiz", valued: "e",
                                          long: ["quiet": false, "silent": false, "regexp-extended": false, "expression": true,
                                                 "separate": false, "in-place": false],
                                          aliases: ["quiet": "n", "silent": "n", "regexp-extended": "E", "expression": "e",
                                                    "separate": "s", "in-place": "i"])
        guard case .success(let options) = parsed else { return usage(&io, parsed.failureMessage, synopsis) }
        if options.has("i") {
            io.error("sed: -i: the corpus is read-only; write the result with > scratch/NAME instead\n")
            return 1
        }
        var operands = options.operands
        var scripts = options.values("e")
        if scripts.isEmpty {
            guard !operands.isEmpty else { return usage(&io, "sed: no script given", synopsis) }
            scripts = [operands.removeFirst()]
        }
        let script: SedScript
        do {
            script = try SedScript(scripts.joined(separator: "\n"), extended: options.has("E") || options.has("r"))
        } catch {
            io.error("sed: \(error.message)\n")
            return 1
        }
        let (files, failed) = execution.inputs(operands, &io, command: "sed")
        var runner = SedRunner(script: script, quiet: options.has("n"))
        let lines = files.flatMap { TextLines.split($0.bytes) }
        let status = runner.run(lines, into: &io.stdout)
        return failed ? 2 : status
    }
}

/// Runs a `SedScript` over lines, GNU sed's cycle: read a line into the pattern space, run the
/// commands, print the pattern space unless `-n`.
struct SedRunner {
    let script: SedScript
    let quiet: Bool
    var lastRegex: PosixRegex?

    init(script: SedScript, quiet: Bool) {
        self.script = script
        self.quiet = quiet
    }

    mutating func run(_ lines: [ArraySlice<UInt8>], into output: inout [UInt8]) -> Int32 {
        var missingNewline = false
        for (position, line) in lines.enumerated() {
            let number = position + 1
            let isLast = number == lines.count
            let hasNewline = line.last == 10
            /// Writes a line as GNU sed does: the last line keeps its lack of a newline unless
            /// something follows it.
            func emit(_ bytes: [UInt8], newline: Bool = hasNewline) {
                if missingNewline { output.append(10) }
                output += bytes
                if newline { output.append(10) }
                missingNewline = !newline
            }
            var space = Array(TextLines.content(line))
            var deleted = false
            var quit: Int32?
            for command in script.commands where selects(command, space, number, isLast) {
                switch command.action {
                case .print: emit(space)
                case .delete: deleted = true
                case .lineNumber: emit(Array("\(number)".utf8), newline: true)
                case .quit(let code, let printFirst):
                    quit = code
                    if !printFirst { deleted = true }
                case .transliterate(let map): space = space.map { map[$0] ?? $0 }
                case .substitute(let regex, let replacement, let global, let occurrence, let print):
                    guard let regex = regex ?? lastRegex else { continue }
                    if let replaced = Self.substitute(space, regex, replacement, global: global, occurrence: occurrence) {
                        space = replaced
                        if print { emit(space) }
                    }
                }
                if deleted || quit != nil { break }
            }
            if !deleted && !quiet { emit(space) }
            if let quit { return quit }
        }
        return 0
    }

    /// Whether `command` applies to this line, updating its range state.
    mutating func selects(_ command: SedScript.Command, _ space: [UInt8], _ number: Int, _ isLast: Bool) -> Bool {
        func matches(_ address: SedScript.Address) -> Bool {
            switch address {
            case .line(let line): return number == line
            case .last: return isLast
            case .pattern(let regex):
                lastRegex = regex
                return regex.firstMatch(in: PosixRegex.cText(space), from: 0, notBOL: false) != nil
            }
        }
        var selected: Bool
        if let first = command.first {
            if let second = command.second {
                if command.inRange {
                    if case .line(let end) = second {
                        selected = true
                        if number >= end { command.inRange = false }
                        if number > end { selected = false }
                    } else {
                        selected = true
                        if matches(second) { command.inRange = false }
                    }
                } else if matches(first) {
                    selected = true
                    if case .line(let end) = second {
                        command.inRange = end > number
                    } else if case .last = second {
                        command.inRange = !isLast
                    } else {
                        command.inRange = true
                    }
                } else {
                    selected = false
                }
            } else {
                selected = matches(first)
            }
        } else {
            selected = true
        }
        if case .substitute(let regex?, _, _, _, _) = command.action, selected != command.negated { lastRegex = regex }
        return selected != command.negated
    }

    /// `s///` on one pattern space; nil when nothing was replaced.
    static func substitute(_ space: [UInt8], _ regex: PosixRegex, _ replacement: [UInt8], global: Bool, occurrence: Int) -> [UInt8]? {
        let text = PosixRegex.cText(space)
        var result: [UInt8] = []
        var start = 0
        var count = 0
        var replaced = false
        var previousEnd = -1
        while start <= space.count {
            guard let groups = regex.firstMatch(in: text, from: start, notBOL: start > 0), let whole = groups[0] else { break }
            if whole.isEmpty && whole.lowerBound == previousEnd {
                guard whole.lowerBound < space.count else { break }
                result += space[start...whole.lowerBound]
                start = whole.lowerBound + 1
                continue
            }
            count += 1
            result += space[start..<whole.lowerBound]
            if count >= occurrence {
                result += expand(replacement, groups, space)
                replaced = true
            } else {
                result += space[whole]
            }
            previousEnd = whole.upperBound
            if whole.isEmpty {
                if whole.lowerBound < space.count { result.append(space[whole.lowerBound]) }
                start = whole.lowerBound + 1
            } else {
                start = whole.upperBound
            }
            if replaced && !global { break }
        }
        guard replaced else { return nil }
        if start < space.count { result += space[start...] }
        return result
    }

    /// The replacement text for one match: `&`, `\0`–`\9`, `\n`, `\t`, and GNU's case
    /// conversions `\U \L` (until `\E`) and `\u \l` (next character).
    static func expand(_ replacement: [UInt8], _ groups: [Range<Int>?], _ space: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        enum Case { case none, upper, lower }
        var mode = Case.none
        var once = Case.none
        func append(_ bytes: some Sequence<UInt8>) {
            for var byte in bytes {
                let apply = once != .none ? once : mode
                once = .none
                if apply == .upper, (97...122).contains(byte) { byte -= 32 }
                if apply == .lower, (65...90).contains(byte) { byte += 32 }
                result.append(byte)
            }
        }
        var index = 0
        while index < replacement.count {
            let c = replacement[index]
            if c == UInt8(ascii: "&") {
                if let whole = groups[0] { append(space[whole]) }
                index += 1
                continue
            }
            guard c == 92, index + 1 < replacement.count else { append([c]); index += 1; continue }
            let next = replacement[index + 1]
            index += 2
            switch next {
            case 48...57:
                let group = Int(next - 48)
                if group < groups.count, let range = groups[group] { append(space[range]) }
            case UInt8(ascii: "n"): append([10])
            case UInt8(ascii: "t"): append([9])
            case UInt8(ascii: "U"): mode = .upper
            case UInt8(ascii: "L"): mode = .lower
            case UInt8(ascii: "E"): mode = .none; once = .none
            case UInt8(ascii: "u"): once = .upper
            case UInt8(ascii: "l"): once = .lower
            default: append([next])
            }
        }
        return result
    }
}
