/// Everything the materializer remembers about one corpus file while it streams: enough to
/// name it, index it and map it back to its source, but not its bytes.
struct CorpusFileRecord: Sendable {
    /// Which input (index into the options' inputs) the file came from.
    var input: Int
    /// A name hint: the title slug for documents, the relative path for mirrors, "" for chunks.
    var hint: String
    /// A title or first line, for `INDEX.md`.
    var title: String
    /// The source path as given (for a mirror: the path of the file inside the input).
    var source: String
    /// Byte range `[start, end)` in the source.
    var byteStart: Int
    var byteEnd: Int
    /// 1-based line range in the source.
    var firstLine: Int
    var lastLine: Int
    /// The JSONL document id, when there was one.
    var documentID: String?
    /// Size and line count of the corpus file.
    var size: Int
    var lines: Int
    /// The blob's raw id.
    var blob: [UInt8]
    /// The number of the staged work-tree file, when the work tree is being written.
    var staged: Int?
    /// The path in the corpus, assigned once all files are known.
    var path = ""
    /// Whether the source file was executable (git mode 100755); mirrors only.
    var executable = false
}

/// One unit of input on its way to becoming a corpus file.
enum RawUnit: Sendable {
    /// A JSONL line: bytes, 1-based line number, byte offset.
    case document(line: [UInt8], lineNumber: Int, offset: Int)
    /// A chunk of a text input.
    case chunk(TextChunk)
    /// A whole file of a directory (or a single mirrored file), kept byte for byte.
    case file(bytes: [UInt8], relativePath: String, source: String, executable: Bool)
}

/// What processing a unit gave.
enum UnitOutcome: Sendable {
    /// `replaced`: invalid UTF-8 sequences repaired (chunks, documents); `keptInvalid`: a
    /// mirrored file holds invalid UTF-8 and was kept as it is.
    case file(CorpusFileRecord, PackedObject, replaced: Int, keptInvalid: Bool = false)
    case skippedBinary(String)
    case skippedEmpty
    case badLine(String)
    case failure(FSContextError)
}
