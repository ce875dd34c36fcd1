import CPCRE2
import Foundation

/// A compiled search pattern: PCRE2 with JIT, or a `LiteralSearch` when the pattern is a plain
/// literal (ASCII when caseless) or an alternation of them. Immutable after creation and shared across threads; each thread
/// gets its own `Scratch` for match data.
final class RegexMatcher: @unchecked Sendable {
    private let code: OpaquePointer?
    /// The pattern used to decide whether a line matches, when cheaper than `code` but
    /// selecting exactly the same lines (see `selectionPattern`); `code` then only serves `-o`.
    private let selectionCode: OpaquePointer?
    /// When the required literal directly follows the pattern's leading `\w+`/`\w*`, every
    /// match starts at the start of the word holding a literal hit: try only there (anchored).
    private let anchorAtWordStart: Bool
    /// With `anchorAtWordStart`: the pattern after its leading `\w+` (it starts with the
    /// literal). `\w+` then this matches at a word start exactly when this matches right at a
    /// literal hit with a word byte before it in the same word, so only this short tail runs.
    private let tailCode: OpaquePointer?
    /// The tail is the bare literal (0) or the literal then `\b` (1): checked without PCRE2.
    private let plainTail: Int?
    /// The literal the pattern reduces to (no regex meaning): the whole search is a fast literal search.
    let literal: LiteralSearch?
    /// A literal every match contains (a prefilter): lines without it are skipped without running the regex.
    let required: LiteralSearch?

    /// Several literals, any of which is a match (`a|b|c` of plain words, or several `-e`).
    let alternatives: [LiteralSearch]?
    /// When every alternative is found by a rare byte (`memchr`) and they have at most 8 rare
    /// bytes (both cases when caseless): those bytes, searched for all at once in one pass.
    let alternativeRareBytes: [UInt8]?

    /// Literals of which every match contains at least one (for the image's pair index), or nil.
    var indexLiterals: [LiteralSearch]? {
        if let alternatives { return alternatives }
        if let literal { return [literal] }
        return required.map { [$0] }
    }

    /// Per-thread match state (used by one thread at a time).
    final class Scratch: @unchecked Sendable {
        let data: OpaquePointer?
        /// For `alternatives`: per subject (the image region and the file being looked at),
        /// each literal's next position.
        var caches: [(base: UnsafePointer<UInt8>, length: Int, next: [Int])] = []
        init(_ code: OpaquePointer?) { data = code.map { cpcre2_match_data_create($0) } }

        /// Forgets cached positions for a subject whose bytes are about to change or be new.
        func forget(_ base: UnsafePointer<UInt8>) { caches.removeAll { $0.base == base } }
        deinit { if let data { cpcre2_match_data_free(data) } }
    }

    /// Compiles `pattern` (PCRE2 syntax). `literal` (the whole pattern as plain text) enables
    /// the literal fast path; `required` (text every match contains) enables the prefilter.
    /// Throws a one-line message for an invalid pattern.
    init(pcre pattern: String, caseless: Bool, literal: [UInt8]?, required: [UInt8]? = nil, alternatives: [[UInt8]]? = nil,
         byteCounts: [Int]? = nil) throws(RegexError) {
        if let alternatives, alternatives.count > 1, alternatives.allSatisfy({ !$0.isEmpty && (!caseless || $0.allSatisfy { $0 < 128 }) }) {
            let literals = alternatives.map { LiteralSearch($0, caseless: caseless, byteCounts: byteCounts) }
            self.alternatives = literals
            var rareBytes: [UInt8] = []
            for literal in literals where !rareBytes.contains(literal.rareLower) { rareBytes.append(literal.rareLower) }
            for literal in literals where !rareBytes.contains(literal.rareUpper) { rareBytes.append(literal.rareUpper) }
            self.alternativeRareBytes = rareBytes.count <= 8 && !literals.contains { $0.usePair } ? rareBytes : nil
            self.literal = nil
            self.required = nil
            self.code = nil
            self.selectionCode = nil
            self.anchorAtWordStart = false
            self.tailCode = nil
            self.plainTail = nil
            return
        }
        self.alternatives = nil
        self.alternativeRareBytes = nil
        if let literal, !literal.isEmpty, !caseless || literal.allSatisfy({ $0 < 128 }) {
            self.literal = LiteralSearch(literal, caseless: caseless, byteCounts: byteCounts)
            self.required = nil
            self.code = nil
            self.selectionCode = nil
            self.anchorAtWordStart = false
            self.tailCode = nil
            self.plainTail = nil
            return
        }
        self.literal = nil
        self.required = required.flatMap { $0.count >= 3 && (!caseless || $0.allSatisfy { $0 < 128 }) ? LiteralSearch($0, caseless: caseless, byteCounts: byteCounts) : nil }
        code = try Self.compile(pattern, caseless: caseless)
        if let selection = Self.selectionPattern(pattern) {
            selectionCode = try Self.compile(selection, caseless: caseless)
            let rest = Array(pattern.utf8.dropFirst(3))  // after `\w+` or `\w*`
            anchorAtWordStart = required.map { !$0.isEmpty && rest.starts(with: $0) && $0.allSatisfy(Self.isWordByte) } ?? false
            tailCode = anchorAtWordStart && pattern.hasPrefix("\\w+") ? try Self.compile(String(decoding: rest, as: UTF8.self), caseless: caseless) : nil
            let afterLiteral = rest.dropFirst(required?.count ?? 0)
            plainTail = tailCode == nil ? nil : (afterLiteral.isEmpty ? 0 : (Array(afterLiteral) == Array("\\b".utf8) ? 1 : nil))
        } else {
            selectionCode = nil
            anchorAtWordStart = false
            tailCode = nil
            plainTail = nil
        }
    }

    /// `\w` in PCRE2's default (byte) tables: ASCII letters, digits and `_`.
    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte) || byte == 95
    }

    static func compile(_ pattern: String, caseless: Bool) throws(RegexError) -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_MULTILINE) | (caseless ? UInt32(PCRE2_CASELESS) : 0)
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer {
            cpcre2_compile($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count, options, &errorCode, &errorOffset)
        }
        guard let compiled else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let length = cpcre2_error_message(errorCode, &buffer, buffer.count)
            throw RegexError(message: String(decoding: buffer.prefix(max(0, Int(length))), as: UTF8.self))
        }
        _ = cpcre2_jit_compile(compiled)
        return compiled
    }

    /// A pattern that starts with `\w+` or `\w*` (and has no top-level alternation) matches a
    /// line exactly when it matches starting at a word start, since the word characters before
    /// any match can join it; `(?<!\w)` in front lets the engine skip every mid-word start,
    /// which turns its backtracking from quadratic to linear per word.
    static func selectionPattern(_ pattern: String) -> String? {
        guard pattern.hasPrefix("\\w+") || pattern.hasPrefix("\\w*") else { return nil }
        let rest = pattern.dropFirst(3)
        guard !rest.hasPrefix("+"), !pattern.contains("|"), !pattern.contains("(") else { return nil }
        return "(?<!\\w)" + pattern
    }

    deinit {
        if let code { cpcre2_code_free(code) }
        if let selectionCode { cpcre2_code_free(selectionCode) }
        if let tailCode { cpcre2_code_free(tailCode) }
    }

    func makeScratch() -> Scratch { Scratch(code) }

    /// The first match in `base[0..<length]` starting at or after `start`: (start, end), or nil.
    @inline(__always)
    func firstMatch(_ base: UnsafePointer<UInt8>, _ length: Int, from start: Int, _ scratch: Scratch, notEmptyAtStart: Bool = false) -> (Int, Int)? {
        if let alternatives, let alternativeRareBytes {
            return firstAlternative(alternatives, rareBytes: alternativeRareBytes, base, length, from: start)
        }
        if let alternatives { return firstAlternative(alternatives, base, length, from: start, scratch) }
        if let literal {
            guard start <= length, let offset = literal.find(base, length, from: start) else { return nil }
            return (offset, offset + literal.needle.count)
        }
        if let required {
            // Skip to the first line holding the required text, then run the regex from that line on.
            var from = start
            while true {
                guard let hit = required.find(base, length, from: from) else { return nil }
                if let tailCode {
                    var wordStart = hit
                    while wordStart > 0 && Self.isWordByte(base[wordStart - 1]) { wordStart -= 1 }
                    if wordStart >= start && wordStart < hit, let plainTail {
                        // The literal's last byte is a word byte: `\b` after it needs a non-word byte or the end.
                        let end = hit + required.needle.count
                        if plainTail == 0 || end == length || !Self.isWordByte(base[end]) { return (wordStart, end) }
                    } else if wordStart >= start && wordStart < hit {
                        let lineEnd = lineEndOf(base, length, hit)
                        if cpcre2_match(tailCode, base, lineEnd, hit, UInt32(PCRE2_ANCHORED), scratch.data) > 0 {
                            return (wordStart, cpcre2_ovector(scratch.data)![1])
                        }
                    }
                    from = hit + 1
                    continue
                }
                if anchorAtWordStart, let selectionCode {
                    // A newline is no word byte, so the walk back stops at the line start.
                    var wordStart = hit
                    while wordStart > 0 && Self.isWordByte(base[wordStart - 1]) { wordStart -= 1 }
                    let lineEnd = lineEndOf(base, length, hit)
                    if wordStart >= start,
                       cpcre2_match(selectionCode, base, lineEnd, wordStart, UInt32(PCRE2_ANCHORED), scratch.data) > 0 {
                        let vector = cpcre2_ovector(scratch.data)!
                        return (vector[0], vector[1])
                    }
                    from = hit + 1
                    continue
                }
                let lineStart = max(from, lineStartOf(base, hit))
                let lineEnd = lineEndOf(base, length, hit)
                let status = cpcre2_match(selectionCode ?? code, base, lineEnd, lineStart, notEmptyAtStart ? UInt32(PCRE2_NOTEMPTY_ATSTART) : 0, scratch.data)
                if status > 0 {
                    let vector = cpcre2_ovector(scratch.data)!
                    return (vector[0], vector[1])
                }
                from = lineEnd + 1
                if from > length { return nil }
            }
        }
        let status = cpcre2_match(selectionCode ?? code, base, length, start, notEmptyAtStart ? UInt32(PCRE2_NOTEMPTY_ATSTART) : 0, scratch.data)
        guard status > 0 else { return nil }
        let vector = cpcre2_ovector(scratch.data)!
        return (vector[0], vector[1])
    }

    /// The next match for `-o` output: like `firstMatch`, but always with the pattern as written.
    func outputMatch(_ base: UnsafePointer<UInt8>, _ length: Int, from start: Int, _ scratch: Scratch) -> (Int, Int)? {
        guard selectionCode != nil, let code else { return firstMatch(base, length, from: start, scratch) }
        let status = cpcre2_match(code, base, length, start, 0, scratch.data)
        guard status > 0 else { return nil }
        let vector = cpcre2_ovector(scratch.data)!
        return (vector[0], vector[1])
    }
}

/// An invalid pattern, with PCRE2's explanation.
struct RegexError: Error {
    let message: String
}
