import CPCRE2
import Foundation

/// A compiled search pattern: PCRE2 with JIT, or `memmem` when the pattern is a plain
/// case-sensitive literal. Immutable after creation and shared across threads; each thread
/// gets its own `Scratch` for match data.
final class RegexMatcher: @unchecked Sendable {
    private let code: OpaquePointer?
    /// The literal the pattern reduces to (no regex meaning): the whole search is a fast literal search.
    let literal: LiteralSearch?
    /// A literal every match contains (a prefilter): lines without it are skipped without running the regex.
    let required: LiteralSearch?

    /// Per-thread match state.
    final class Scratch {
        let data: OpaquePointer?
        init(_ code: OpaquePointer?) { data = code.map { cpcre2_match_data_create($0) } }
        deinit { if let data { cpcre2_match_data_free(data) } }
    }

    /// Compiles `pattern` (PCRE2 syntax). `literal` (the whole pattern as plain text) enables
    /// the literal fast path; `required` (text every match contains) enables the prefilter.
    /// Throws a one-line message for an invalid pattern.
    init(pcre pattern: String, caseless: Bool, literal: [UInt8]?, required: [UInt8]? = nil) throws(RegexError) {
        if let literal, !literal.isEmpty, !caseless || literal.allSatisfy({ $0 < 128 }) {
            self.literal = LiteralSearch(literal, caseless: caseless)
            self.required = nil
            self.code = nil
            return
        }
        self.literal = nil
        self.required = required.flatMap { $0.count >= 3 && (!caseless || $0.allSatisfy { $0 < 128 }) ? LiteralSearch($0, caseless: caseless) : nil }
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
        code = compiled
    }

    deinit { if let code { cpcre2_code_free(code) } }

    func makeScratch() -> Scratch { Scratch(code) }

    /// The first match in `base[0..<length]` starting at or after `start`: (start, end), or nil.
    @inline(__always)
    func firstMatch(_ base: UnsafePointer<UInt8>, _ length: Int, from start: Int, _ scratch: Scratch, notEmptyAtStart: Bool = false) -> (Int, Int)? {
        if let literal {
            guard start <= length, let offset = literal.find(base, length, from: start) else { return nil }
            return (offset, offset + literal.needle.count)
        }
        if let required {
            // Skip to the first line holding the required text, then run the regex from that line on.
            var from = start
            while true {
                guard let hit = required.find(base, length, from: from) else { return nil }
                let lineStart = max(from, lineStartOf(base, hit))
                let lineEnd = lineEndOf(base, length, hit)
                let status = cpcre2_match(code, base, lineEnd, lineStart, notEmptyAtStart ? UInt32(PCRE2_NOTEMPTY_ATSTART) : 0, scratch.data)
                if status > 0 {
                    let vector = cpcre2_ovector(scratch.data)!
                    return (vector[0], vector[1])
                }
                from = lineEnd + 1
                if from > length { return nil }
            }
        }
        let status = cpcre2_match(code, base, length, start, notEmptyAtStart ? UInt32(PCRE2_NOTEMPTY_ATSTART) : 0, scratch.data)
        guard status > 0 else { return nil }
        let vector = cpcre2_ovector(scratch.data)!
        return (vector[0], vector[1])
    }
}

/// An invalid pattern, with PCRE2's explanation.
struct RegexError: Error {
    let message: String
}
