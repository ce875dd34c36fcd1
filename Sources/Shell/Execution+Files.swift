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

    /// Walks `path` depth-first in sorted order, calling `visit` with each entry's virtual path,
    /// real location, kind and depth (0 for `path` itself). Symlinks are skipped; `.git` and
    /// `.fsctx` are skipped below the start unless the start names them. Return false from
    /// `visit` on a folder to skip its contents.
    func walk(_ path: String, omitDotPrefix: Bool = false, visit: (String, URL, EntryKind, Int) -> Bool) -> String? {
        let resolved: Sandbox.Resolved
        switch sandbox.resolve(path) {
        case .failure(let error): return error.message
        case .success(let value): resolved = value
        }
        var info = stat()
        guard lstat(resolved.url.path, &info) == 0 else { return "\(path): No such file or directory" }
        let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
        if !isFolder { _ = visit(path, resolved.url, .file, 0); return nil }
        func descend(_ virtual: String, _ url: URL, _ depth: Int) {
            guard visit(virtual, url, .folder, depth) else { return }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
            for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                if Sandbox.hiddenNames.contains(name) { continue }
                let child = url.appendingPathComponent(name)
                let childVirtual = omitDotPrefix && virtual == "." ? name : (virtual.hasSuffix("/") ? virtual + name : virtual + "/" + name)
                var childInfo = stat()
                guard lstat(child.path, &childInfo) == 0 else { continue }
                switch childInfo.st_mode & S_IFMT {
                case S_IFDIR: descend(childVirtual, child, depth + 1)
                case S_IFREG: _ = visit(childVirtual, child, .file, depth + 1)
                default: continue
                }
            }
        }
        descend(path, resolved.url, 0)
        return nil
    }
}

/// A command's complaint about one path, e.g. `docs/x: No such file or directory`.
struct ToolFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
