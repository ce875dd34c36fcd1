/// A run of whole lines (or one piece of an over-long line) of a text input, with where it came from.
struct TextChunk: Sendable {
    /// The bytes, exactly as in the source.
    var bytes: [UInt8]
    /// 1-based number of the first and last source line the chunk touches.
    var firstLine: Int
    var lastLine: Int
    /// Byte offset of the chunk's first byte in the source.
    var byteOffset: Int
}

/// Cuts a stream of lines into chunks of at most `target` bytes without splitting lines,
/// preferring to cut before a heading (in the chunk's last three quarters) or else after a
/// blank line (in its second half). A line longer than `target` arrives in pieces and each piece is its own chunk.
struct TextChunker {
    private let target: Int
    private var buffer: [UInt8] = []
    private var cuts: [(position: Int, line: Int, heading: Bool)] = []
    private var bufferFirstLine = 1
    private var bufferOffset = 0
    private var lineNumber = 1
    private var atLineStart = true
    private var previousBlank = false

    /// Creates a chunker for chunks of about `target` bytes.
    init(target: Int) {
        self.target = max(target, 64)
        buffer.reserveCapacity(self.target)
    }

    /// Adds the next line or line piece; calls `emit` for each chunk that is complete.
    mutating func add(_ piece: UnsafeRawBufferPointer, endsLine: Bool, emit: (TextChunk) throws -> Void) rethrows {
        if !buffer.isEmpty, buffer.count + piece.count > target {
            try cutAtBestBoundary(emit)
            if !buffer.isEmpty, buffer.count + piece.count > target { try emitAll(emit) }
        }
        if atLineStart {
            let blank = piece.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            let heading = !blank && TextChunker.isHeading(piece)
            if !buffer.isEmpty, !blank, previousBlank || heading {
                cuts.append((buffer.count, lineNumber, heading))
            }
            previousBlank = blank && endsLine
        } else {
            previousBlank = false
        }
        buffer.append(contentsOf: piece)
        atLineStart = endsLine
        if endsLine { lineNumber += 1 }
    }

    /// Emits what is left.
    mutating func finish(emit: (TextChunk) throws -> Void) rethrows {
        if !buffer.isEmpty { try emitAll(emit) }
    }

    private var lastLineInBuffer: Int { atLineStart ? lineNumber - 1 : lineNumber }

    private mutating func cutAtBestBoundary(_ emit: (TextChunk) throws -> Void) rethrows {
        guard let cut = cuts.last(where: { $0.heading && $0.position >= target / 4 })
            ?? cuts.last(where: { $0.position >= target / 2 }) else { return }
        try emit(TextChunk(bytes: Array(buffer[..<cut.position]), firstLine: bufferFirstLine,
                           lastLine: cut.line - 1, byteOffset: bufferOffset))
        buffer.removeSubrange(..<cut.position)
        bufferOffset += cut.position
        bufferFirstLine = cut.line
        cuts = cuts.filter { $0.position > cut.position }.map { ($0.position - cut.position, $0.line, $0.heading) }
    }

    private mutating func emitAll(_ emit: (TextChunk) throws -> Void) rethrows {
        try emit(TextChunk(bytes: buffer, firstLine: bufferFirstLine, lastLine: lastLineInBuffer, byteOffset: bufferOffset))
        bufferOffset += buffer.count
        buffer.removeAll(keepingCapacity: true)
        cuts.removeAll()
        bufferFirstLine = lineNumber
    }

    /// A Markdown heading (`# …`) or a line that starts like a chapter heading.
    static func isHeading(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let first = line.first else { return false }
        if first == 0x23 { return true }  // '#'
        for prefix in ["CHAPTER ", "Chapter ", "BOOK ", "PART "] where line.count >= prefix.utf8.count {
            if zip(line, prefix.utf8).allSatisfy({ $0 == $1 }) { return true }
        }
        return false
    }
}
