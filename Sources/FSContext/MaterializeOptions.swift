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
    /// JSONL fields written as `name: value` lines at the top of each document (user, date…),
    /// so metadata stays beside the text; empty: the text alone.
    public var metaFields: [String] = []
    /// Malformed JSONL lines: fail or skip.
    public var onBadLine: BadLinePolicy = .fail
    /// Invalid UTF-8: replace or reject.
    public var invalidUTF8: InvalidUTF8Policy = .replace
    /// Whether to write the read-only work tree (false: objects and refs only).
    public var checkout = true
    /// Compression level for pack entries (1: fastest that still compresses).
    public var compressionLevel: Int32 = 1
    /// How pack entries are deflated (all at `compressionLevel`, never with deltas).
    public enum DeflateStrategy: String, Sendable, CaseIterable {
        /// FSContext's own Huffman-only coder (`HuffmanDeflater`, the default): zlib's Huffman-only
        /// output size at several times its speed; ignores the level.
        case fastHuffman = "fast-huffman"
        /// libdeflate's whole-buffer compressor: at level 1 about as fast as zlib's
        /// Huffman-only and about a fifth smaller on prose (smaller than zlib level 1 too).
        case libdeflate
        /// zlib, Huffman coding only, no match search: on prose about a quarter larger than
        /// `.libdeflate`.
        case huffmanOnly = "zlib-huffman"
        /// zlib, Huffman coding plus runs of one repeated byte: better than Huffman-only on logs.
        case runLength = "zlib-rle"
        /// zlib's usual LZ77 match search: about half the speed of `.libdeflate`.
        case standard = "zlib"
    }

    /// How pack entries are deflated.
    public var deflateStrategy: DeflateStrategy = .fastHuffman
    /// Longest JSONL line accepted, in bytes (a document must fit in memory once).
    public var maxLineBytes = 512 << 20
    /// Rows on one index page: a corpus with more files gets a page per folder, and a folder (or
    /// the root's list of folders) with more rows continues on further pages (see `CorpusIndexPage`).
    public var indexPageRows = 1000
    /// Called now and then while reading, from the materializing thread.
    public var progress: (@Sendable (Progress) -> Void)?

    /// Options for `inputs` with every default.
    public init(inputs: [String]) {
        self.inputs = inputs
    }
}
