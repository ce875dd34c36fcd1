/// Where a line of a corpus file came from.
public struct SourceLocation: Sendable, Equatable, Codable {
    /// The source as given to `materialize` (a path, `stdin`, or a path inside an input folder).
    public let source: String
    /// 1-based line in the source. For a JSONL document this is the line holding the document.
    public let line: Int
    /// Byte offset in the source: of the line's start for text and mirrored files, of the
    /// document's JSONL line for documents.
    public let byteOffset: Int
    /// The JSONL document id, when the file is a document that had one.
    public let documentID: String?
    /// For a document: the 1-based line inside the document's text.
    public let lineInDocument: Int?
}

/// One row of `.fsctx/manifest.jsonl`.
public struct ManifestEntry: Sendable, Equatable, Codable {
    /// The corpus path.
    public let path: String
    /// `document` (a JSONL document), `chunk` (part of a text) or `file` (a mirrored file).
    public let kind: String
    /// The source as given to `materialize`.
    public let source: String
    /// Byte range `[start, end)` in the source.
    public let bytes: [Int]
    /// 1-based line range `[first, last]` in the source.
    public let lines: [Int]
    /// The JSONL document id, if any.
    public let id: String?
}
