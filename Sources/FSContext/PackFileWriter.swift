import Foundation

/// Writes packed objects straight into a repository's `objects/pack/` as version-2 packs with
/// their `.idx`, the way `git index-pack` would leave them — no loose objects, no delta search.
///
/// Entries stream to a temporary file as they come; when a pack reaches `maxPackBytes` (or on
/// `finish`) its header count is patched in, its checksum computed, the index written, and both
/// renamed into place (index last, so readers never see a pack without its index). Memory holds
/// only the index rows (id, CRC, offset) of the open pack. Not thread-safe: one writer per run.
final class PackFileWriter {
    private struct IndexRow { let id: [UInt8]; let crc32: UInt32; let offset: UInt64 }

    private let packDirectory: URL
    private let maxPackBytes: Int
    private var file: FileHandle?
    private var temporaryURL: URL?
    private var rows: [IndexRow] = []
    private var offset: UInt64 = 0
    private var buffer: [UInt8] = []
    private var written: Set<[UInt8]> = []
    private var sequence = 0
    /// The final `.pack`/`.idx` paths written so far (for cleanup on failure).
    private(set) var finishedFiles: [URL] = []

    /// Creates a writer for the git directory `gitDirectory`.
    init(gitDirectory: URL, maxPackBytes: Int = 512 << 20) {
        packDirectory = gitDirectory.appendingPathComponent("objects/pack", isDirectory: true)
        self.maxPackBytes = maxPackBytes
    }

    /// Appends an object, unless this writer already wrote one with the same id.
    func append(_ object: PackedObject) throws {
        guard written.insert(object.id).inserted else { return }
        if file == nil { try openPack() }
        rows.append(IndexRow(id: object.id, crc32: object.crc32, offset: offset))
        buffer.append(contentsOf: object.entry)
        offset += UInt64(object.entry.count)
        if buffer.count >= 4 << 20 { try flushBuffer() }
        if offset >= UInt64(maxPackBytes) { try closePack() }
    }

    /// Closes the open pack, if any, so every appended object is readable by git.
    func finish() throws {
        if file != nil { try closePack() }
    }

    /// Removes the open temporary pack and every pack this writer finished.
    func abort() {
        try? file?.close()
        file = nil
        if let temporaryURL { try? FileManager.default.removeItem(at: temporaryURL) }
        for url in finishedFiles.reversed() { try? FileManager.default.removeItem(at: url) }
        finishedFiles = []
    }

    private func openPack() throws {
        try FileManager.default.createDirectory(at: packDirectory, withIntermediateDirectories: true)
        sequence += 1
        let url = packDirectory.appendingPathComponent("tmp_fsctx_\(getpid())_\(sequence).pack")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw FSContextError(.io, "cannot create \(url.path)")
        }
        file = try FileHandle(forUpdating: url)
        temporaryURL = url
        rows = []
        buffer = Array("PACK".utf8) + [0, 0, 0, 2] + [0, 0, 0, 0]  // count patched in on close
        offset = 12
    }

    private func flushBuffer() throws {
        guard let file, !buffer.isEmpty else { return }
        do { try file.write(contentsOf: buffer) } catch {
            throw FSContextError(.io, "cannot write pack: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func closePack() throws {
        guard let file, let temporaryURL else { return }
        try flushBuffer()
        let count = UInt32(rows.count)
        try file.seek(toOffset: 8)
        try file.write(contentsOf: [UInt8(count >> 24), UInt8(truncatingIfNeeded: count >> 16),
                                    UInt8(truncatingIfNeeded: count >> 8), UInt8(truncatingIfNeeded: count)])
        // The trailer is the SHA-1 of everything before it, header included.
        try file.seek(toOffset: 0)
        var sha = SHA1Hasher()
        while let chunk = try file.read(upToCount: 4 << 20), !chunk.isEmpty { sha.update(chunk) }
        let checksum = sha.finalize()
        try file.seekToEnd()
        try file.write(contentsOf: checksum)
        try file.close()
        self.file = nil

        let name = "pack-" + GitOID(bytes: checksum).hex
        let packURL = packDirectory.appendingPathComponent(name + ".pack")
        let indexURL = packDirectory.appendingPathComponent(name + ".idx")
        let indexTemporary = packDirectory.appendingPathComponent("tmp_fsctx_\(getpid())_\(sequence).idx")
        try Data(indexBytes(packChecksum: checksum)).write(to: indexTemporary)
        try rename(temporaryURL, packURL)
        finishedFiles.append(packURL)
        self.temporaryURL = nil
        try rename(indexTemporary, indexURL)
        finishedFiles.append(indexURL)
        for url in [packURL, indexURL] { chmod(url.path, 0o444) }
        rows = []
    }

    private func rename(_ from: URL, _ to: URL) throws {
        if Foundation.rename(from.path, to.path) != 0 {
            throw FSContextError(.io, "cannot move \(from.lastPathComponent) to \(to.path): \(String(cString: strerror(errno)))")
        }
    }

    /// The version-2 pack index for the rows of the pack being closed.
    private func indexBytes(packChecksum: [UInt8]) -> [UInt8] {
        let sorted = rows.sorted { $0.id.lexicographicallyPrecedes($1.id) }
        var out: [UInt8] = [0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2]
        out.reserveCapacity(8 + 1024 + sorted.count * 28 + 40)
        func put32(_ value: UInt32) {
            out += [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
        }
        var fanout = [UInt32](repeating: 0, count: 256)
        for row in sorted { fanout[Int(row.id[0])] += 1 }
        var running: UInt32 = 0
        for i in 0..<256 { running += fanout[i]; put32(running) }
        for row in sorted { out += row.id }
        for row in sorted { put32(row.crc32) }
        var large: [UInt64] = []
        for row in sorted {
            if row.offset < 0x8000_0000 { put32(UInt32(row.offset)) } else {
                put32(0x8000_0000 | UInt32(large.count)); large.append(row.offset)
            }
        }
        for value in large { put32(UInt32(value >> 32)); put32(UInt32(truncatingIfNeeded: value)) }
        out += packChecksum
        var sha = SHA1Hasher()
        sha.update(out)
        out += sha.finalize()
        return out
    }
}
