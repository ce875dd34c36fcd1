import CDeflate
import CZlib
import Foundation

/// Writes packed objects straight into a repository's `objects/pack/` as version-2 packs with
/// their `.idx`, the way `git index-pack` would leave them — no loose objects, no delta search.
///
/// Entries stream to a temporary file as they come; when a pack reaches `maxPackBytes` (or on
/// `finish`) its header count is patched in, its checksum computed, the index written, and both
/// renamed into place (index last, so readers never see a pack without its index). Memory holds
/// only the index rows (id, CRC, offset) of the open pack. `closeInBackground` lets the caller go
/// on (into a new pack) while a finished pack is checksummed. One writer per run.
final class PackFileWriter {
    private let packDirectory: URL
    private let maxPackBytes: Int
    private var current: OpenPack?
    /// Ids in the open pack: a pack never holds an object twice. An object met again after its
    /// pack closed is written into the new pack too (git reads an object from whichever pack
    /// has it), which keeps this set bounded by one pack's objects, not the corpus's.
    private var written: Set<RawObjectID> = []
    private var sequence = 0
    private let closing = DispatchGroup()
    private let state = SharedState()

    /// Creates a writer for the git directory `gitDirectory`.
    init(gitDirectory: URL, maxPackBytes: Int = 512 << 20) {
        packDirectory = gitDirectory.appendingPathComponent("objects/pack", isDirectory: true)
        self.maxPackBytes = maxPackBytes
    }

    /// Appends an object, unless the open pack already holds one with the same id.
    func append(_ object: PackedObject) throws {
        guard written.insert(RawObjectID(object.id)).inserted else { return }
        if current == nil { current = try openPack() }
        try current!.append(object)
        try closeIfFull()
    }

    /// Appends the file at `url` as a blob, read and deflated (zlib level 1) in pieces, so a big
    /// generated file (the manifest of a million documents) never sits in memory; returns its id.
    func appendFile(at url: URL) throws -> [UInt8] {
        let (id, size) = try PackedObject.objectID(ofFileAt: url)
        guard written.insert(RawObjectID(id)).inserted else { return id }
        if current == nil { current = try openPack() }
        try current!.appendStreamed(id: id, kind: .blob, size: size, from: url)
        try closeIfFull()
        return id
    }

    private func closeIfFull() throws {
        guard let pack = current, pack.offset >= UInt64(maxPackBytes) else { return }
        current = nil
        written.removeAll()
        try pack.close(into: state)
    }

    /// Closes the open pack on another thread; later appends start a new pack.
    func closeInBackground() {
        guard let pack = current else { return }
        current = nil
        written.removeAll()
        let state = self.state
        WorkerThreads.start(in: closing) {
            do { try pack.close(into: state) } catch { state.record(error) }
        }
    }

    /// Closes the open pack, if any, and waits for background closes, so every appended object
    /// is readable by git.
    func finish() throws {
        closing.wait()
        if let pack = current {
            current = nil
            try pack.close(into: state)
        }
        if let error = state.firstError { throw error }
    }

    /// Removes the open temporary pack and every pack this writer finished.
    func abort() {
        closing.wait()
        current?.discard()
        current = nil
        for url in state.finishedFiles.reversed() { try? FileManager.default.removeItem(at: url) }
    }

    private func openPack() throws -> OpenPack {
        try FileManager.default.createDirectory(at: packDirectory, withIntermediateDirectories: true)
        sequence += 1
        // Unique per writer too: several writers of one process may pack into one repository at once.
        return try OpenPack(directory: packDirectory, name: "tmp_fsctx_\(getpid())_\(sequence)_\(UUID().uuidString.prefix(8))")
    }

    /// What background closes report back.
    final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [URL] = []
        private var error: Error?

        var finishedFiles: [URL] { lock.lock(); defer { lock.unlock() }; return files }
        var firstError: Error? { lock.lock(); defer { lock.unlock() }; return error }
        func add(_ url: URL) { lock.lock(); files.append(url); lock.unlock() }
        func record(_ failure: Error) { lock.lock(); if error == nil { error = failure }; lock.unlock() }
    }
}

/// One pack being written: its temporary file, buffered bytes and index rows.
final class OpenPack: @unchecked Sendable {
    private struct IndexRow { let id: [UInt8]; let crc32: UInt32; let offset: UInt64 }

    private let directory: URL
    private let name: String
    private let url: URL
    private var file: FileHandle?
    private var rows: [IndexRow] = []
    private var buffer: [UInt8]
    /// Bytes in the pack so far (header included).
    private(set) var offset: UInt64 = 12

    init(directory: URL, name: String) throws {
        self.directory = directory
        self.name = name
        url = directory.appendingPathComponent(name + ".pack")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw FSContextError(.io, "cannot create \(url.path)")
        }
        file = try FileHandle(forUpdating: url)
        buffer = Array("PACK".utf8) + [0, 0, 0, 2] + [0, 0, 0, 0]  // the count is patched in on close
    }

    func append(_ object: PackedObject) throws {
        rows.append(IndexRow(id: object.id, crc32: object.crc32, offset: offset))
        buffer.append(contentsOf: object.entry)
        offset += UInt64(object.entry.count)
        if buffer.count >= 4 << 20 { try flush() }
    }

    /// Appends the blob in the file at `url` (`size` bytes, id `id`), deflating it in pieces.
    func appendStreamed(id: [UInt8], kind: GitObjectKind, size: Int, from url: URL) throws {
        guard let input = FileHandle(forReadingAtPath: url.path) else { throw FSContextError(.io, "cannot read \(url.path)") }
        defer { try? input.close() }
        var header: [UInt8] = []
        var left = size
        header.append(UInt8(kind.rawValue << 4) | UInt8(left & 0x0F) | (left > 15 ? 0x80 : 0))
        left >>= 4
        while left > 0 {
            header.append(UInt8(left & 0x7F) | (left > 127 ? 0x80 : 0))
            left >>= 7
        }
        let start = offset
        var crc = header.withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        buffer += header
        var stream = z_stream()
        guard czlib_deflate_init(&stream, 1) == Z_OK else { throw FSContextError(.io, "zlib deflateInit failed") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 18)
        var finished = false
        while !finished {
            var chunk = try input.read(upToCount: 4 << 20).map { [UInt8]($0) } ?? []
            let mode = chunk.isEmpty ? Z_FINISH : Z_NO_FLUSH
            if chunk.isEmpty { chunk = [0] }  // a valid pointer; avail_in stays 0
            let available = mode == Z_FINISH ? 0 : chunk.count
            try chunk.withUnsafeMutableBufferPointer { input in
                stream.next_in = input.baseAddress
                stream.avail_in = UInt32(available)
                repeat {
                    let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        return deflate(&stream, mode)
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw FSContextError(.io, "zlib deflate failed (\(status))")
                    }
                    let produced = output.count - Int(stream.avail_out)
                    crc = output.withUnsafeBytes { libdeflate_crc32(crc, $0.baseAddress, produced) }
                    buffer.append(contentsOf: output[..<produced])
                    if status == Z_STREAM_END { finished = true }
                } while stream.avail_out == 0 || (mode == Z_FINISH && !finished)
            }
            if buffer.count >= 4 << 20 { try flush() }
        }
        offset += UInt64(header.count) + UInt64(stream.total_out)
        rows.append(IndexRow(id: id, crc32: crc, offset: start))
    }

    func discard() {
        try? file?.close()
        file = nil
        try? FileManager.default.removeItem(at: url)
    }

    private func flush() throws {
        guard let file, !buffer.isEmpty else { return }
        do { try file.write(contentsOf: buffer) } catch {
            throw FSContextError(.io, "cannot write pack: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Patches the count, appends the checksum, writes the index and renames both into place.
    func close(into state: PackFileWriter.SharedState) throws {
        guard let file else { return }
        let checksum: [UInt8]
        do {
            try flush()
            let count = UInt32(rows.count)
            try file.seek(toOffset: 8)
            try file.write(contentsOf: OpenPack.bigEndian(count))
            // The trailer is the SHA-1 of everything before it, header included.
            try file.seek(toOffset: 0)
            var sha = SHA1Hasher()
            while let chunk = try file.read(upToCount: 4 << 20), !chunk.isEmpty { sha.update(chunk) }
            checksum = sha.finalize()
            try file.seekToEnd()
            try file.write(contentsOf: checksum)
            try file.close()
            self.file = nil
        } catch {
            discard()
            throw FSContextError(.io, "cannot finish pack \(url.lastPathComponent)", underlying: error)
        }
        let final = "pack-" + GitOID(bytes: checksum).hex
        let packURL = directory.appendingPathComponent(final + ".pack")
        let indexURL = directory.appendingPathComponent(final + ".idx")
        let indexTemporary = directory.appendingPathComponent(name + ".idx")
        try Data(indexBytes(packChecksum: checksum)).write(to: indexTemporary)
        try OpenPack.move(url, packURL)
        state.add(packURL)
        try OpenPack.move(indexTemporary, indexURL)
        state.add(indexURL)
        for done in [packURL, indexURL] { chmod(done.path, 0o444) }
        rows = []
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    private static func move(_ from: URL, _ to: URL) throws {
        if rename(from.path, to.path) != 0 {
            throw FSContextError(.io, "cannot move \(from.lastPathComponent) to \(to.path): \(String(cString: strerror(errno)))")
        }
    }

    /// The version-2 pack index for the rows of this pack.
    private func indexBytes(packChecksum: [UInt8]) -> [UInt8] {
        let sorted = rows.sorted { $0.id.lexicographicallyPrecedes($1.id) }
        var out: [UInt8] = [0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2]
        out.reserveCapacity(8 + 1024 + sorted.count * 28 + 40)
        var fanout = [UInt32](repeating: 0, count: 256)
        for row in sorted { fanout[Int(row.id[0])] += 1 }
        var running: UInt32 = 0
        for i in 0..<256 { running += fanout[i]; out += OpenPack.bigEndian(running) }
        for row in sorted { out += row.id }
        for row in sorted { out += OpenPack.bigEndian(row.crc32) }
        var large: [UInt64] = []
        for row in sorted {
            if row.offset < 0x8000_0000 { out += OpenPack.bigEndian(UInt32(row.offset)) } else {
                out += OpenPack.bigEndian(0x8000_0000 | UInt32(large.count))
                large.append(row.offset)
            }
        }
        for value in large { out += OpenPack.bigEndian(UInt32(value >> 32)) + OpenPack.bigEndian(UInt32(truncatingIfNeeded: value)) }
        out += packChecksum
        var sha = SHA1Hasher()
        sha.update(out)
        out += sha.finalize()
        return out
    }
}
