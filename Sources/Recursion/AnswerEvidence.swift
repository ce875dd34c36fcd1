import FSContext
import Foundation

/// One line an agent saw that contains its answer, with where it came from: the corpus file
/// and line, and through `.fsctx/manifest.jsonl` the source file, line and byte range.
public struct AnswerEvidence: Sendable, Codable, Equatable {
    /// The step whose output showed the line.
    public var step: Int
    /// The agent that saw it.
    public var agent: String
    /// The corpus file.
    public var path: String
    /// The 1-based line in the corpus file.
    public var line: Int
    /// The line's text.
    public var text: String
    /// The source given to `materialize`, when the corpus has a manifest row for the file.
    public var source: String?
    /// The 1-based line in the source (for a JSONL document: the document's line).
    public var sourceLine: Int?
    /// The byte range `[start, end)` of the line in the source (for a JSONL document: the
    /// start of the document's line, and the line's length).
    public var sourceBytes: [Int]?
    /// The JSONL document id, for a document that has one.
    public var documentID: String?

    /// Creates evidence.
    public init(step: Int, agent: String, path: String, line: Int, text: String, source: String? = nil, sourceLine: Int? = nil,
                sourceBytes: [Int]? = nil, documentID: String? = nil) {
        self.step = step
        self.agent = agent
        self.path = path
        self.line = line
        self.text = text
        self.source = source
        self.sourceLine = sourceLine
        self.sourceBytes = sourceBytes
        self.documentID = documentID
    }

    /// `docs/0003.txt:12 (input.txt:512, bytes 20480–20504)`.
    public var location: String {
        var text = "\(path):\(line)"
        if let source, let sourceLine {
            text += " (\(source):\(sourceLine)" + (sourceBytes.map { ", bytes \($0[0])–\($0[1])" } ?? "") + ")"
        }
        return text
    }
}
