import CSearchKernels
import Foundation

/// Searches one buffer line by line the way GNU grep does, writing its output lines.
///
/// Matching scans the whole buffer with one matcher call per hit (PCRE2 in multiline mode or
/// `memmem`) and only then finds the line around the hit, so a rare pattern costs one pass
/// over memory; a hit that crosses a newline is checked again on its line alone.
struct GrepSearch {
    let matcher: RegexMatcher
    let options: GrepOptions

    /// What searching one file produced.
    struct FileResult {
        var output: [UInt8] = []
        var selected = 0
        var binary = false
        /// Whether line output (with context groups) was written, for `--` between files.
        var printedLines = false
    }

    /// Searches `buffer` named `name` (nil: no filename prefix). `mayHoldNUL` false (the corpus
    /// image has no NUL byte at all) skips the binary-file check.
    func search(_ buffer: UnsafeBufferPointer<UInt8>, name: String?, scratch: RegexMatcher.Scratch, mayHoldNUL: Bool = true) -> FileResult {
        var result = FileResult()
        guard let base = buffer.baseAddress, buffer.count > 0 else { return result }
        let length = buffer.count
        scratch.forget(base)
        result.binary = mayHoldNUL && !options.textMode && memchr(base, 0, length) != nil
        let limit = options.maxCount ?? Int.max
        if limit == 0 { return result }
        let stopAtFirst = options.mode == .quiet || options.mode == .filesWithMatches || options.mode == .filesWithoutMatch
        let printing = options.mode == .lines && !result.binary
        var printer = LinePrinter(base: base, length: length, name: name.map { Array($0.utf8) }, options: options)

        var position = 0
        var lastMatchLineEnd = -1
        scan: while position <= length {
            // Next matching line at or after `position` (nil: none).
            var hit: (Int, Int)?
            var from = position
            while from <= length, let (matchStart, matchEnd) = matcher.firstMatch(base, length, from: from, scratch) {
                let lineStart = matchStart == 0 ? 0 : lineStartOf(base, matchStart)
                if lineStart >= length { break }
                let lineEnd = lineEndOf(base, length, lineStart)
                if matchEnd <= lineEnd {
                    hit = (lineStart, lineEnd)
                    break
                }
                if matcher.firstMatch(base + lineStart, lineEnd - lineStart, from: 0, scratch) != nil {
                    hit = (lineStart, lineEnd)
                    break
                }
                from = lineEnd + 1
            }
            if options.invert {
                // Every line between the previous matching line and this one is selected.
                let gapEnd = hit?.0 ?? length
                var lineStart = lastMatchLineEnd + 1
                while lineStart < gapEnd || (lineStart == gapEnd && hit == nil && lineStart < length) {
                    let lineEnd = lineEndOf(base, length, lineStart)
                    if result.selected >= limit { break scan }
                    result.selected += 1
                    if stopAtFirst { break scan }
                    if printing { printer.select(lineStart, lineEnd, matcher: matcher, scratch: scratch) }
                    lineStart = lineEnd + 1
                }
                guard let hit else { break }
                lastMatchLineEnd = hit.1
                position = hit.1 + 1
                continue
            }
            guard let hit else { break }
            if result.selected >= limit { break }
            result.selected += 1
            if stopAtFirst { break }
            if printing { printer.select(hit.0, hit.1, matcher: matcher, scratch: scratch) }
            position = hit.1 + 1
        }
        if printing {
            printer.finish()
            result.output = printer.output
            result.printedLines = printer.printedAny
        }
        return result
    }
}

@inline(__always)
func lineStartOf(_ base: UnsafePointer<UInt8>, _ position: Int) -> Int {
    guard position > 0, let found = csearch_memrchr(base, 10, position) else { return 0 }
    return found.assumingMemoryBound(to: UInt8.self) - base + 1
}

/// The index of the newline ending the line that starts at `start` (or `length`).
@inline(__always)
func lineEndOf(_ base: UnsafePointer<UInt8>, _ length: Int, _ start: Int) -> Int {
    guard start < length, let found = memchr(base + start, 10, length - start) else { return length }
    return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
}
