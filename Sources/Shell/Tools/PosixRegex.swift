#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled POSIX regular expression (the C library's `regcomp`, as GNU sed and bash's
/// `[[ =~ ]]` use): basic or extended syntax, with the GNU extensions (`\+`, `\?`, `\|`, `\w`,
/// `\b`, `\<`, `\>`) where the C library has them.
final class PosixRegex {
    private var regex = regex_t()
    /// The number of parenthesized groups.
    let groupCount: Int

    /// Compiles `pattern`; throws the C library's message for a bad pattern.
    init(_ pattern: String, extended: Bool, ignoreCase: Bool = false) throws(ShellError) {
        var flags: Int32 = 0
        if extended { flags |= REG_EXTENDED }
        if ignoreCase { flags |= REG_ICASE }
        let status = regcomp(&regex, pattern, flags)
        guard status == 0 else {
            var buffer = [CChar](repeating: 0, count: 256)
            regerror(status, &regex, &buffer, buffer.count)
            regfree(&regex)
            throw ShellError(.badInput, String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        groupCount = Int(regex.re_nsub)
    }

    deinit { regfree(&regex) }

    /// A line as the C library wants it: NUL bytes replaced (a C string ends at NUL), NUL-terminated.
    static func cText(_ bytes: some Collection<UInt8>) -> [CChar] {
        var text = bytes.map { CChar(bitPattern: $0 == 0 ? 1 : $0) }
        text.append(0)
        return text
    }

    /// The first match in `text` (from `cText`) at or after byte `start`, as byte ranges of the
    /// whole match and each group (nil for a group that did not take part). `notBOL` when
    /// `start` is not the beginning of the line.
    func firstMatch(in text: [CChar], from start: Int, notBOL: Bool) -> [Range<Int>?]? {
        var matches = [regmatch_t](repeating: regmatch_t(), count: groupCount + 1)
        let status = text.withUnsafeBufferPointer { buffer in
            regexec(&regex, buffer.baseAddress! + start, matches.count, &matches, notBOL ? REG_NOTBOL : 0)
        }
        guard status == 0 else { return nil }
        return matches.map { $0.rm_so < 0 ? nil : (start + Int($0.rm_so))..<(start + Int($0.rm_eo)) }
    }
}
