import Foundation

/// Writes a git index (version 2, no extensions) for a checked-out work tree, streaming: the
/// entries are given in git's order (byte order of paths) and written as they come, each with
/// the file's stat data so `git status` sees a clean tree without rehashing anything. Memory
/// stays bounded however many files the corpus has (libgit2's in-memory index grows with them).
struct GitIndexFile {
    private let lockURL: URL
    private let finalURL: URL
    private let workTree: URL
    private let expected: Int
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var sha = SHA1Hasher()
    private var count = 0
    private var previous: [UInt8] = []

    /// Starts `<gitDirectory>/index.lock` for `entries` entries.
    init(gitDirectory: URL, workTree: URL, entries: Int) throws {
        lockURL = gitDirectory.appendingPathComponent("index.lock")
        finalURL = gitDirectory.appendingPathComponent("index")
        self.workTree = workTree
        expected = entries
        unlink(lockURL.path)
        guard FileManager.default.createFile(atPath: lockURL.path, contents: nil), let handle = FileHandle(forWritingAtPath: lockURL.path) else {
            throw FSContextError(.io, "cannot create \(lockURL.path)")
        }
        self.handle = handle
        buffer = Array("DIRC".utf8) + GitIndexFile.bigEndian(2) + GitIndexFile.bigEndian(UInt32(entries))
    }

    /// Adds the work-tree file at `path` (after every path added before it) with blob `blob`.
    mutating func add(path: UnsafeBufferPointer<UInt8>, blob: [UInt8]) throws {
        precondition(count == 0 || previous.lexicographicallyPrecedes(path), "index entries must come in path order")
        var info = stat()
        let full = workTree.path + "/" + String(decoding: path, as: UTF8.self)
        guard stat(full, &info) == 0 else { throw FSContextError(.io, "cannot stat \(String(decoding: path, as: UTF8.self)) in the work tree") }
        let executable = info.st_mode & S_IXUSR != 0
        for value in [info.st_ctim.tv_sec, info.st_ctim.tv_nsec, info.st_mtim.tv_sec, info.st_mtim.tv_nsec] {
            buffer += GitIndexFile.bigEndian(UInt32(truncatingIfNeeded: value))
        }
        for value in [UInt64(info.st_dev), UInt64(info.st_ino), UInt64(executable ? 0o100755 : 0o100644), UInt64(info.st_uid),
                      UInt64(info.st_gid), UInt64(info.st_size)] {
            buffer += GitIndexFile.bigEndian(UInt32(truncatingIfNeeded: value))
        }
        buffer += blob
        let flags = UInt16(min(path.count, 0xFFF))
        buffer += [UInt8(flags >> 8), UInt8(truncatingIfNeeded: flags)]
        buffer.append(contentsOf: path)
        let length = 62 + path.count
        buffer += [UInt8](repeating: 0, count: (length + 8) & ~7 - length)
        previous = Array(path)
        count += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Adds the work-tree file at `path`.
    mutating func add(path: String, blob: [UInt8]) throws {
        var path = path
        try path.withUTF8 { try add(path: $0, blob: blob) }
    }

    /// Appends the checksum and renames the index into place.
    mutating func finish() throws {
        guard count == expected else { throw FSContextError(.io, "index: \(count) entries written, \(expected) announced") }
        try flush()
        let checksum = sha.finalize()
        do {
            try handle.write(contentsOf: checksum)
            try handle.close()
        } catch { throw FSContextError(.io, "cannot write \(lockURL.path)", underlying: error) }
        guard rename(lockURL.path, finalURL.path) == 0 else {
            throw FSContextError(.io, "cannot move the index into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the unfinished index.
    func abandon() {
        try? handle.close()
        unlink(lockURL.path)
    }

    private mutating func flush() throws {
        sha.update(buffer)
        do { try handle.write(contentsOf: buffer) } catch { throw FSContextError(.io, "cannot write \(lockURL.path)", underlying: error) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }
}
