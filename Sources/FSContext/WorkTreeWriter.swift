import Foundation

/// Writes the read-only work tree of a corpus: files are staged (under `.git`) while the input
/// streams, then moved into place once their paths are known; folders end up read-only too.
enum WorkTreeWriter {
    /// Writes `bytes` to a new file with `mode` (0444, or 0555 for an executable file).
    static func writeReadOnly(_ bytes: [UInt8], to path: String, mode: mode_t = 0o444) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw FSContextError(.io, "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var done = 0
        try bytes.withUnsafeBytes { raw in
            while done < raw.count {
                let count = systemWrite(fd, raw.baseAddress! + done, raw.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw FSContextError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                done += count
            }
        }
    }

    /// Gives the owner write permission on `url` and every folder below it (not `.git`'s content).
    static func makeWritable(_ url: URL) {
        chmod(url.path, 0o755)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
        for name in names where name != ".git" {
            let child = url.appendingPathComponent(name)
            var info = stat()
            if lstat(child.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { makeWritable(child) }
        }
    }

    /// Removes everything in the work tree except `.git`.
    static func clear(_ url: URL) throws {
        makeWritable(url)
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name != ".git" {
            try FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
    }

    /// Moves staged file `stage` to `path` (relative to `root`), creating folders.
    static func place(staged: URL, at path: String, root: URL, knownFolders: inout Set<String>) throws {
        try ensureFolder(of: path, root: root, knownFolders: &knownFolders)
        let destination = root.appendingPathComponent(path).path
        if rename(staged.path, destination) != 0 {
            throw FSContextError(.io, "cannot move a staged file to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes a generated file at `path`.
    static func write(_ bytes: [UInt8], at path: String, root: URL, knownFolders: inout Set<String>) throws {
        try ensureFolder(of: path, root: root, knownFolders: &knownFolders)
        try writeReadOnly(bytes, to: root.appendingPathComponent(path).path)
    }

    private static func ensureFolder(of path: String, root: URL, knownFolders: inout Set<String>) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        guard !knownFolders.contains(folder) else { return }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        var prefix = folder
        while true {
            knownFolders.insert(prefix)
            guard let cut = prefix.lastIndex(of: "/") else { break }
            prefix = String(prefix[..<cut])
        }
    }

    /// Makes the folders (deepest first) and the root read-only; `.git` stays writable.
    static func sealFolders(_ folders: Set<String>, root: URL) {
        for folder in folders.sorted(by: { $0.count > $1.count }) { chmod(root.appendingPathComponent(folder).path, 0o555) }
        chmod(root.path, 0o555)
    }
}

/// POSIX `write(2)` (the bare name resolves to `FileHandle`-style methods inside types).
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.write(fd, buffer, count)
    #else
    return Glibc.write(fd, buffer, count)
    #endif
}
