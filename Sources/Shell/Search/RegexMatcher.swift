import CPCRE2
import Foundation

/// A compiled search pattern: PCRE2 with JIT, or `memmem` when the pattern is a plain
/// case-sensitive literal. Immutable after creation and shared across threads; each thread
/// gets its own `Scratch` for match data.
final class RegexMatcher: @unchecked Sendable {
    private let code: OpaquePointer?
    /// The literal the pattern reduces to (case-sensitive, no regex meaning), for `memmem`.
    let literal: [UInt8]?

    /// Per-thread match state.
    final class Scratch {
        let data: OpaquePointer?
        init(_ code: OpaquePointer?) { data = code.map { cpcre2_match_data_create($0) } }
        deinit { if let data { cpcre2_match_data_free(data) } }
    }

    /// Compiles `pattern` (PCRE2 syntax). `literal` enables the `memmem` fast path.
    /// Throws a one-line message for an invalid pattern.
    init(pcre pattern: String, caseless: Bool, literal: [UInt8]?) throws(RegexError) {
        if let literal, !caseless, !literal.isEmpty {
            self.literal = literal
            self.code = nil
            return
        }
        self.literal = nil
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
            guard start <= length else { return nil }
            let found = literal.withUnsafeBufferPointer { needle in
                cpcre2_memmem(base + start, length - start, needle.baseAddress, needle.count)
            }
            guard let found else { return nil }
            let offset = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            return (offset, offset + literal.count)
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
