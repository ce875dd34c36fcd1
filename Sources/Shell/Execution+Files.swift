import Foundation

extension Execution {
    /// Reads a whole file named by an agent. Errors are `path: reason` lines.
    func readFile(_ path: String) -> Result<[UInt8], ToolFailure> {
        switch sandbox.resolve(path) {
        case .failure(let error): return .failure(ToolFailure(error.message))
        case .success(let resolved): return Self.readBytes(resolved.url, name: path)
        }
    }

    /// Reads a file without following a symlink in its last component.
    static func readBytes(_ url: URL, name: String) -> Result<[UInt8], ToolFailure> {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .failure(ToolFailure("\(name): No such file or directory"))
            case ELOOP: return .failure(ToolFailure("\(name): is a symbolic link; links are not followed"))
            case EACCES: return .failure(ToolFailure("\(name): Permission denied"))
            default: return .failure(ToolFailure("\(name): \(String(cString: strerror(errno)))"))
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(ToolFailure("\(name): cannot stat")) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(ToolFailure("\(name): Is a directory")) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count <= 0 { break }
            filled += count
        }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return .success(bytes)
    }

    /// The inputs of a text filter: each named file, or standard input when none (or `-`).
    /// Missing files are reported on stderr as `command: path: reason` and skipped.
    func inputs(_ operands: [String], _ io: inout CommandIO, command: String) -> (files: [(name: String, bytes: [UInt8])], failed: Bool) {
        if operands.isEmpty { return ([("-", io.stdin)], false) }
        var files: [(String, [UInt8])] = []
        var failed = false
        for operand in operands {
            if operand == "-" { files.append(("-", io.stdin)); continue }
            switch readFile(operand) {
            case .success(let bytes): files.append((operand, bytes))
            case .failure(let message): io.error("\(command): \(message)\n"); failed = true
            }
        }
        return (files, failed)
    }

    /// Kinds of entries a walk reports.
    enum EntryKind { case file, folder }

    /// Walks `path` depth-first in sorted (byte) order, calling `visit` with each entry's
    /// virtual path, real path, kind and depth (0 for `path` itself). Symlinks and special files
    /// are skipped; `.git` and `.fsctx` are skipped below the start unless the start names them.
    /// Return false from `visit` on a folder to skip its contents. Returns an error message.
    func walk(_ path: String, omitDotPrefix: Bool = false, visit: (String, String, EntryKind, Int) -> Bool) -> String? {
        let resolved: Sandbox.Resolved
        switch sandbox.resolve(path) {
        case .failure(let error): return error.message
        case .success(let value): resolved = value
        }
        var info = stat()
        guard lstat(resolved.url.path, &info) == 0 else { return "\(path): No such file or directory" }
        if (info.st_mode & S_IFMT) != S_IFDIR { _ = visit(path, resolved.url.path, .file, 0); return nil }
        Self.descend(path, resolved.url.path, 0, omitDotPrefix: omitDotPrefix, visit: visit)
        return nil
    }

    private static func descend(_ virtual: String, _ real: String, _ depth: Int, omitDotPrefix: Bool,
                                visit: (String, String, EntryKind, Int) -> Bool) {
        guard visit(virtual, real, .folder, depth), let directory = opendir(real) else { return }
        var entries: [(name: [UInt8], type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = Self.entryName(entry)
            if name == [46] || name == [46, 46] { continue }
            entries.append((name, Self.entryType(entry)))
        }
        closedir(directory)
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        let virtualPrefix = omitDotPrefix && virtual == "." ? "" : (virtual.hasSuffix("/") ? virtual : virtual + "/")
        let realPrefix = real.hasSuffix("/") ? real : real + "/"
        for entry in entries {
            let name = String(decoding: entry.name, as: UTF8.self)
            if Sandbox.hiddenNames.contains(name) { continue }
            let childReal = realPrefix + name
            var type = entry.type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(childReal, &info) == 0 else { continue }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
            }
            if type == UInt8(DT_DIR) {
                descend(virtualPrefix + name, childReal, depth + 1, omitDotPrefix: false, visit: visit)
            } else if type == UInt8(DT_REG) {
                _ = visit(virtualPrefix + name, childReal, .file, depth + 1)
            }
        }
    }

    /// The name of a directory entry. `struct dirent` is declared with a 256-byte name, but
    /// `readdir` hands back records only as long as their own name (`d_reclen`), packed in its
    /// buffer: copying `entry.pointee` or `entry.pointee.d_name` reads up to 255 bytes past a
    /// short record, off the end of the buffer at a page boundary (a SIGSEGV seen on folders
    /// of thousands of files). So the name is read in place, up to its NUL, through a pointer
    /// at the field's offset; nothing reads the struct as a whole.
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let start = (UnsafeRawPointer(entry) + direntNameOffset).assumingMemoryBound(to: CChar.self)
        return Array(UnsafeRawBufferPointer(start: start, count: strlen(start)))
    }

    /// The entry's `d_type`, read as one byte at its offset (it precedes the name, so it is
    /// inside every record).
    static func entryType(_ entry: UnsafeMutablePointer<dirent>) -> UInt8 {
        UnsafeRawPointer(entry).load(fromByteOffset: direntTypeOffset, as: UInt8.self)
    }

    private static let direntNameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    private static let direntTypeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!
}
/// A command's complaint about one path, e.g. `docs/x: No such file or directory`.
struct ToolFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
