import Foundation

/// The corpus files of a materialize run, kept with bounded memory per file: a small fixed row
/// in memory (blob id, size, lines, staged file, input) and the rest — name hint, title, source,
/// document id, byte and line ranges — spilled to a file in the run's work folder, read back in
/// passes (`RecordDetails`). At 1.5M documents the rows take ~85 MB (56 bytes each); the spill ~250 MB on disk.
final class RecordStore {
    /// What stays in memory for one corpus file.
    struct Row {
        var blob: RawObjectID
        /// The staged work-tree file's number (-1: none).
        var staged: Int32
        var size: Int
        var lines: Int32
        var input: Int32
        var executable: Bool
        /// Where the file's details start in the spill.
        var spillOffset: Int
    }

    /// Rows in blocks of 65,536 (no doubling copy of the whole table as it grows).
    private var blocks: [[Row]] = []
    private(set) var count = 0
    private(set) var totalBytes = 0
    private(set) var totalLines = 0
    private let spillURL: URL
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var written = 0
    private var window: [UInt8] = []
    private var windowStart = 0

    /// Opens a new spill file at `url` (removed by `close`).
    init(spill url: URL) throws {
        spillURL = url
        descriptor = open(url.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FSContextError(.io, "cannot create \(url.path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close() }

    private var closed = false

    /// Closes and removes the spill file.
    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(descriptor)
        unlink(spillURL.path)
    }

    /// The row of file `index`.
    func row(_ index: Int) -> Row { blocks[index >> 16][index & 0xFFFF] }

    /// Remembers `record`.
    func append(_ record: CorpusFileRecord) throws {
        if count & 0xFFFF == 0 {
            blocks.append([])
            blocks[blocks.count - 1].reserveCapacity(1 << 16)
        }
        blocks[blocks.count - 1].append(Row(blob: RawObjectID(record.blob), staged: Int32(record.staged ?? -1), size: record.size,
                        lines: Int32(clamping: record.lines), input: Int32(record.input), executable: record.executable,
                        spillOffset: written + buffer.count))
        count += 1
        totalBytes += record.size
        totalLines += record.lines
        RecordDetails(record).encode(into: &buffer)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes buffered details to the spill (before reading it back).
    func flush() throws {
        guard !buffer.isEmpty else { return }
        let done = buffer.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(written)) }
        guard done == buffer.count else {
            throw FSContextError(.io, "cannot write \(spillURL.path): \(String(cString: strerror(errno)))")
        }
        written += done
        buffer.removeAll(keepingCapacity: true)
    }

    /// The spilled details of file `index`. Reads through a 1 MB window, so reading in order
    /// (or nearly) costs one `pread` per megabyte.
    func details(_ index: Int) throws -> RecordDetails {
        let offset = row(index).spillOffset
        let end = index + 1 < count ? row(index + 1).spillOffset : written
        if offset < windowStart || end > windowStart + window.count {
            try flush()
            let length = max(1 << 20, end - offset)
            window = [UInt8](repeating: 0, count: min(length, written - offset))
            let got = window.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard got == window.count else {
                throw FSContextError(.io, "cannot read \(spillURL.path): \(String(cString: strerror(errno)))")
            }
            windowStart = offset
        }
        return window.withUnsafeBytes { RecordDetails.decode($0, at: offset - windowStart) }
    }

    /// Drops the read window (after the last pass).
    func releaseWindow() { window = []; windowStart = 0 }
}

/// The per-file facts the materializer needs only for naming, pages and the manifest.
struct RecordDetails {
    var hint: String
    var title: String
    var source: String
    var documentID: String?
    var byteStart: Int
    var byteEnd: Int
    var firstLine: Int
    var lastLine: Int

    init(_ record: CorpusFileRecord) {
        hint = record.hint
        title = record.title
        source = record.source
        documentID = record.documentID
        byteStart = record.byteStart
        byteEnd = record.byteEnd
        firstLine = record.firstLine
        lastLine = record.lastLine
    }

    private init(hint: String, title: String, source: String, documentID: String?, numbers: [Int]) {
        self.hint = hint
        self.title = title
        self.source = source
        self.documentID = documentID
        (byteStart, byteEnd, firstLine, lastLine) = (numbers[0], numbers[1], numbers[2], numbers[3])
    }

    func encode(into out: inout [UInt8]) {
        for value in [byteStart, byteEnd, firstLine, lastLine] { Self.appendVarint(UInt64(bitPattern: Int64(value)), &out) }
        for text in [hint, title, source] { Self.appendString(text, &out) }
        if let documentID { out.append(1); Self.appendString(documentID, &out) } else { out.append(0) }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, at start: Int) -> RecordDetails {
        var position = start
        func varint() -> Int {
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return Int(Int64(bitPattern: value)) }
                shift += 7
            }
        }
        func string() -> String {
            let length = varint()
            defer { position += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
        }
        let numbers = (0..<4).map { _ in varint() }
        let hint = string(), title = string(), source = string()
        let hasID = bytes[position] == 1
        position += 1
        return RecordDetails(hint: hint, title: title, source: source, documentID: hasID ? string() : nil, numbers: numbers)
    }

    private static func appendVarint(_ value: UInt64, _ out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    private static func appendString(_ text: String, _ out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count), &out)
            out.append(contentsOf: utf8)
        }
    }
}

/// A 20-byte git object id kept inline (no heap allocation per id).
struct RawObjectID: Hashable, Sendable {
    var high: UInt64, middle: UInt64, low: UInt32

    init(_ bytes: [UInt8]) {
        precondition(bytes.count == 20, "an object id has 20 bytes")
        func word(_ at: Int, _ count: Int) -> UInt64 { bytes[at..<at + count].reduce(0) { $0 << 8 | UInt64($1) } }
        high = word(0, 8)
        middle = word(8, 8)
        low = UInt32(word(16, 4))
    }

    /// The raw 20 bytes.
    var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(20)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: middle >> UInt64(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: low >> UInt32(shift))) }
        return out
    }
}
