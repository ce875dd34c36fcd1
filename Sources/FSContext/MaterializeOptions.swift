import Foundation

/// How `Materializer` turns inputs into a corpus.
public struct MaterializeOptions: Sendable {
    /// How the corpus files are laid out.
    public enum Layout: String, Sendable, CaseIterable {
        /// Chosen per input: JSONL → documents, a directory → mirror, anything else → chunks.
        case auto
        /// One file per JSONL document: `docs/0001-<title-slug>.txt`.
        case documents
        /// Line-preserving chunks of about `chunkBytes`: `parts/0001.txt`.
        case chunks
        /// The input's own file names (a directory's tree; a single file under its name).
        case mirror
    }

    /// What to do with a JSONL line that is not a JSON object with a text field.
    public enum BadLinePolicy: String, Sendable, CaseIterable {
        /// Stop with an error naming `file:line` (the default).
        case fail
        /// Skip the line and count it in the result.
        case skip
    }

    /// What to do with bytes that are not valid UTF-8.
    public enum InvalidUTF8Policy: String, Sendable, CaseIterable {
        /// Replace each invalid sequence with U+FFFD and count it (the default).
        case replace
        /// Stop with an error naming `file:line`.
        case reject
    }

    /// A progress report: input bytes read so far, and the total when it is known.
    public struct Progress: Sendable {
        /// Input bytes read so far.
        public let bytesRead: Int
        /// Total input bytes, or nil when reading stdin.
        public let totalBytes: Int?
    }

    /// The inputs: file or directory paths, or `-` for stdin.
    public var inputs: [String]
    /// The layout; `.auto` picks one per input.
    public var layout: Layout = .auto
    /// Target chunk size in bytes for the chunks layout.
    public var chunkBytes: Int = 4096
    /// JSONL field holding a document's text.
    public var textField = "text"
    /// JSONL field holding a document's title.
    public var titleField = "title"
    /// JSONL field holding a document's id.
    public var idField = "id"
    /// Malformed JSONL lines: fail or skip.
    public var onBadLine: BadLinePolicy = .fail
    /// Invalid UTF-8: replace or reject.
    public var invalidUTF8: InvalidUTF8Policy = .replace
    /// Whether to write the read-only work tree (false: objects and refs only).
    public var checkout = true
    /// zlib level for pack entries (1: fastest that still compresses).
    public var compressionLevel: Int32 = 1
    /// Deflate with zlib's run-length strategy (no match search): about twice as fast as
    /// plain level 1, output about a fifth larger. False: zlib's default strategy.
    public var runLengthDeflate = true
    /// Longest JSONL line accepted, in bytes (a document must fit in memory once).
    public var maxLineBytes = 512 << 20
    /// Called now and then while reading, from the materializing thread.
    public var progress: (@Sendable (Progress) -> Void)?

    /// Options for `inputs` with every default.
    public init(inputs: [String]) {
        self.inputs = inputs
    }
}
