/// Corpus bytes on their way to a language model or into a JSON record, where text must be
/// valid UTF-8. A corpus keeps its files' bytes as they are (a mirror never repairs them), so
/// the repair happens here, at the boundary: each invalid sequence is shown as U+FFFD and the
/// text says so once, e.g. `[fsctx: 3 invalid UTF-8 sequences shown as U+FFFD]`.
public enum ModelText {
    /// The bytes as a String and how many invalid sequences were replaced by U+FFFD.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> (text: String, replaced: Int) where Bytes.Element == UInt8 {
        let contiguous = Array(bytes)
        return contiguous.withUnsafeBytes { raw in
            guard UTF8Check.firstInvalidOffset(raw) != nil else { return (String(decoding: raw, as: UTF8.self), 0) }
            let repaired = UTF8Check.repaired(raw)
            return (String(decoding: repaired.bytes, as: UTF8.self), repaired.replaced)
        }
    }

    /// The one-line notice for `replaced` sequences (no newline), e.g.
    /// `[fsctx: 1 invalid UTF-8 sequence shown as U+FFFD]`.
    public static func notice(replaced: Int) -> String {
        "[fsctx: \(replaced) invalid UTF-8 sequence\(replaced == 1 ? "" : "s") shown as U+FFFD]"
    }

    /// The bytes as text for a model: decoded, with the notice on a line of its own after the
    /// text when anything was replaced.
    public static func forModel<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let (text, replaced) = decode(bytes)
        guard replaced > 0 else { return text }
        return text + (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + notice(replaced: replaced) + "\n"
    }
}
