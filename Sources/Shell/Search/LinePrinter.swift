import CSearchKernels
import Foundation

/// Writes selected lines with GNU grep's prefixes (`name:12:text`, `name-13-context`), context
/// lines before and after, and `--` between groups that are not adjacent.
struct LinePrinter {
    let base: UnsafePointer<UInt8>
    let length: Int
    let name: [UInt8]?
    let options: GrepOptions
    var output: [UInt8] = []
    var printedAny = false
    /// Line number of `countedPosition` (which is a line start), for `-n` and context.
    private var countedPosition = 0
    private var countedLine = 1
    /// The start of the line after the last printed one, and that line's number.
    private var nextUnprinted = 0
    private var nextUnprintedLine = 1
    private var pendingAfter = 0

    init(base: UnsafePointer<UInt8>, length: Int, name: [UInt8]?, options: GrepOptions) {
        self.base = base
        self.length = length
        self.name = name
        self.options = options
    }

    mutating func lineNumber(at start: Int) -> Int {
        if start > countedPosition {
            countedLine += csearch_count_byte(base + countedPosition, start - countedPosition, 10, LiteralSearch.hasAVX2 ? 1 : 0)
            countedPosition = start
        }
        return countedLine
    }

    /// Prints a selected line (and the context around it).
    mutating func select(_ start: Int, _ end: Int, matcher: RegexMatcher, scratch: RegexMatcher.Scratch) {
        let needNumbers = options.lineNumbers || options.context
        let number = needNumbers ? lineNumber(at: start) : 0
        if options.context {
            // Trailing context of the previous group, up to this line.
            while pendingAfter > 0 && nextUnprinted < start {
                let lineEnd = lineEndOf(base, length, nextUnprinted)
                emit(nextUnprinted, lineEnd, number: nextUnprintedLine, separator: UInt8(ascii: "-"))
                nextUnprinted = lineEnd + 1
                nextUnprintedLine += 1
                pendingAfter -= 1
            }
            // Leading context.
            var firstStart = start
            var firstNumber = number
            let floor = printedAny ? nextUnprinted : 0
            while firstNumber > 1 && number - firstNumber < options.before && firstStart > floor {
                firstStart = lineStartOf(base, firstStart - 1)
                firstNumber -= 1
            }
            if printedAny && firstStart > nextUnprinted {
                output.append(contentsOf: options.groupSeparator.utf8)
                output.append(10)
            }
            var lineStart = firstStart
            var lineNumber = firstNumber
            while lineStart < start {
                let lineEnd = lineEndOf(base, length, lineStart)
                emit(lineStart, lineEnd, number: lineNumber, separator: UInt8(ascii: "-"))
                lineStart = lineEnd + 1
                lineNumber += 1
            }
        }
        if options.onlyMatching {
            printMatches(start, end, number: number, matcher: matcher, scratch: scratch)
        } else {
            emit(start, end, number: number, separator: UInt8(ascii: ":"))
        }
        printedAny = true
        nextUnprinted = end + 1
        nextUnprintedLine = number + 1
        pendingAfter = options.after
    }

    /// Prints the trailing context of the last group.
    mutating func finish() {
        guard options.context else { return }
        while pendingAfter > 0 && nextUnprinted < length {
            let lineEnd = lineEndOf(base, length, nextUnprinted)
            emit(nextUnprinted, lineEnd, number: nextUnprintedLine, separator: UInt8(ascii: "-"))
            nextUnprinted = lineEnd + 1
            nextUnprintedLine += 1
            pendingAfter -= 1
        }
    }

    mutating func emit(_ start: Int, _ end: Int, number: Int, separator: UInt8) {
        prefix(number: number, separator: separator)
        output.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
        output.append(10)
    }

    mutating func prefix(number: Int, separator: UInt8) {
        if let name {
            output.append(contentsOf: name)
            output.append(separator)
        }
        if options.lineNumbers {
            appendDecimal(number)
            output.append(separator)
        }
    }

    mutating func appendDecimal(_ value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            var rest = value
            repeat {
                position -= 1
                buffer[position] = UInt8(48 + rest % 10)
                rest /= 10
            } while rest > 0
            output.append(contentsOf: buffer[position...])
        }
    }

    mutating func printMatches(_ start: Int, _ end: Int, number: Int, matcher: RegexMatcher, scratch: RegexMatcher.Scratch) {
        guard !options.invert else { return }
        let line = base + start
        let count = end - start
        var from = 0
        while from <= count, let (matchStart, matchEnd) = matcher.outputMatch(line, count, from: from, scratch) {
            if matchEnd > count { break }
            if matchEnd == matchStart {
                from = matchEnd + 1
                continue
            }
            prefix(number: number, separator: UInt8(ascii: ":"))
            output.append(contentsOf: UnsafeBufferPointer(start: line + matchStart, count: matchEnd - matchStart))
            output.append(10)
            from = matchEnd
        }
    }
}
