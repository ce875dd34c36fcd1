import Foundation

/// Writes a corpus image as the walk finds files, with memory bounded whatever the corpus size:
/// the data goes straight to the image's temporary file, the entry table, its record offsets
/// and the pair index to three temporary files beside it, appended at the end. (A table in memory would cost ~60 bytes
/// per file and the pair index 8 KB per MB of data: ~100 MB + 80 MB at 10 GB / 1.5M files.)
final class CorpusImageWriter {
    private let file: URL
    private let temporary: URL
    private let tableFile: URL
    private let pairsFile: URL
    private let recordsFile: URL
    private let descriptor: Int32
    private let tableDescriptor: Int32
    private let pairsDescriptor: Int32
    private let recordsDescriptor: Int32
    private var ok = true
    private var count = 0
    private var offset = 0
    private var table: [UInt8] = []
    /// Bytes of entry records written so far, and the records' offsets not yet written.
    private var tableBytes = 0
    private var records: [UInt8] = []
    private var counts = [Int](repeating: 0, count: 256)
    private var pairs = PairIndexWriter()
    private let buffer = ReadBuffer()

    /// Starts `file` (written under a temporary name in `folder`); nil when it cannot be created.
    init?(file: URL, folder: URL) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.file = file
        let stem = ".\(file.lastPathComponent).\(getpid())"
        temporary = folder.appendingPathComponent(stem + ".tmp")
        tableFile = folder.appendingPathComponent(stem + ".table.tmp")
        pairsFile = folder.appendingPathComponent(stem + ".pairs.tmp")
        recordsFile = folder.appendingPathComponent(stem + ".records.tmp")
        let flags = O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC
        descriptor = open(temporary.path, flags, 0o644)
        tableDescriptor = open(tableFile.path, flags, 0o600)
        pairsDescriptor = open(pairsFile.path, flags, 0o600)
        recordsDescriptor = open(recordsFile.path, flags, 0o600)
        guard descriptor >= 0, tableDescriptor >= 0, pairsDescriptor >= 0, recordsDescriptor >= 0 else {
            discard()
            return nil
        }
        // Header: magic, entry count, table offset, 256 byte counts, pair index offset (patched at the end).
        ok = CorpusImage.writeAll(descriptor, CorpusImage.magic + [UInt8](repeating: 0, count: CorpusImage.headerSize - 8))
    }

    /// Appends the file at `real` under the corpus path `path`; false once anything failed.
    @discardableResult
    func add(path: String, real: String) -> Bool {
        guard ok else { return false }
        guard case .success(let content) = buffer.read(real) else { ok = false; return false }
        counts.withUnsafeMutableBufferPointer { counts in
            for byte in content { counts[Int(byte)] &+= 1 }
        }
        pairs.add(content)
        // (The newline's bytes are borrowed for the call only.)
        [UInt8(10)].withUnsafeBufferPointer { pairs.add($0) }
        // A newline after each file keeps `^` and line logic from running across files.
        ok = CorpusImage.writeAll(descriptor, Array(content) + [10])
        let name = Array(path.utf8)
        records += CorpusImage.bytes(UInt64(tableBytes))
        tableBytes += CorpusImage.recordHeaderSize + name.count
        table += CorpusImage.bytes(UInt64(offset)) + CorpusImage.bytes(UInt64(content.count)) + CorpusImage.bytes(UInt64(name.count)) + name
        offset += content.count + 1
        count += 1
        if table.count >= 1 << 20 { ok = ok && CorpusImage.writeAll(tableDescriptor, table); table.removeAll(keepingCapacity: true) }
        if records.count >= 1 << 20 { ok = ok && CorpusImage.writeAll(recordsDescriptor, records); records.removeAll(keepingCapacity: true) }
        let closed = pairs.takeClosedSets()
        if !closed.isEmpty { ok = ok && CorpusImage.writeAll(pairsDescriptor, closed) }
        return ok
    }

    /// Appends the entry records, their offsets (from the first record, then
    /// `CorpusImage.entryTableMagic`) and the pair index, fills in the header and renames the image
    /// into place; false (and nothing left behind) when anything failed.
    func finish() -> Bool {
        defer { discard() }
        ok = ok && CorpusImage.writeAll(tableDescriptor, table) && CorpusImage.writeAll(pairsDescriptor, pairs.finish())
        ok = ok && CorpusImage.writeAll(recordsDescriptor, records + CorpusImage.entryTableMagic)
        let tableOffset = CorpusImage.headerSize + offset
        ok = ok && copy(from: tableDescriptor) && copy(from: recordsDescriptor)
        let pairOffset = Int(lseek(descriptor, 0, SEEK_END))
        ok = ok && copy(from: pairsDescriptor)
        ok = ok && pwrite(descriptor, CorpusImage.bytes(UInt64(count)), 8, 8) == 8
        ok = ok && pwrite(descriptor, CorpusImage.bytes(UInt64(tableOffset)), 8, 16) == 8
        ok = ok && pwrite(descriptor, CorpusImage.bytes(UInt64(pairOffset)), 8, 24 + 256 * 8) == 8
        let countBytes = counts.flatMap { CorpusImage.bytes(UInt64($0)) }
        ok = ok && pwrite(descriptor, countBytes, countBytes.count, 24) == countBytes.count
        guard ok, close(descriptor) == 0, rename(temporary.path, file.path) == 0 else { return false }
        return true
    }

    /// Appends the whole file open at `source` to the image.
    private func copy(from source: Int32) -> Bool {
        guard lseek(source, 0, SEEK_SET) == 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if got < 0 { return false }
            if got == 0 { return true }
            guard CorpusImage.writeAll(descriptor, Array(chunk[..<got])) else { return false }
        }
    }

    /// Closes and removes the temporary files (the image itself once renamed stays).
    private func discard() {
        for fd in [descriptor, tableDescriptor, pairsDescriptor, recordsDescriptor] where fd >= 0 { close(fd) }
        for url in [temporary, tableFile, pairsFile, recordsFile] { unlink(url.path) }
    }
}
