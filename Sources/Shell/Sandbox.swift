import Foundation

/// Resolves the paths a program names: everything stays inside the corpus root (read-only) or
/// the scratch area (`scratch/…`, writable). `..` above the root, absolute paths and symlinks
/// are refused with a message that says so.
struct Sandbox: Sendable {
    /// The corpus root, with symlinks in its own path resolved.
    let root: URL
    /// The scratch folder on disk.
    let scratch: URL
    /// The virtual folder name agents use for the scratch area.
    static let scratchName = "scratch"
    /// Folders invisible to walks unless named explicitly.
    static let hiddenNames: Set<String> = [".git", ".fsctx"]

    /// A resolved path: the virtual name an agent uses and the real file.
    struct Resolved: Sendable, Equatable {
        /// The normalized virtual path (`docs/a.txt`, `.` for the root, `scratch/x`).
        let virtual: String
        /// The real location on disk.
        let url: URL
        /// Whether it is inside the scratch area.
        let inScratch: Bool
    }

    init(root: URL, scratch: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ShellError(.badRoot, "corpus root \(root.path) is not a folder; pass the work tree of a corpus repository")
        }
        self.root = root.resolvingSymlinksInPath().standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw ShellError(.badRoot, "cannot create the scratch area \(scratch.path): \(error.localizedDescription)")
        }
        self.scratch = scratch.resolvingSymlinksInPath().standardizedFileURL
    }

    /// Resolves `path` (relative to the corpus root). Errors are one-line messages without the
    /// command prefix, e.g. `../x: '..' leaves the corpus; paths are relative to the corpus root`.
    func resolve(_ path: String) -> Result<Resolved, ShellError> {
        if path.isEmpty { return .failure(ShellError(.escape, "'': No such file or directory")) }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return .failure(ShellError(.escape, "\(path): absolute paths are outside the corpus; name paths relative to the corpus root (e.g. docs/)"))
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty {
                    return .failure(ShellError(.escape, "\(path): '..' leaves the corpus; paths are relative to the corpus root"))
                }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        let virtual = parts.isEmpty ? "." : parts.joined(separator: "/")
        let inScratch = parts.first == Substring(Self.scratchName)
        var url = inScratch ? scratch : root
        for part in parts.dropFirst(inScratch ? 1 : 0) {
            url.appendPathComponent(String(part))
            var info = stat()
            if lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                return .failure(ShellError(.escape, "\(path): is a symbolic link; links are not followed, so nothing outside the corpus can be reached"))
            }
        }
        return .success(Resolved(virtual: virtual, url: url, inScratch: inScratch))
    }

    /// Resolves a path that a program wants to write (`>`/`>>`): only inside `scratch/`.
    func resolveWritable(_ path: String) -> Result<Resolved, ShellError> {
        switch resolve(path) {
        case .failure(let error): return .failure(error)
        case .success(let resolved):
            guard resolved.inScratch, resolved.virtual != Self.scratchName else {
                return .failure(ShellError(.escape, "\(path): the corpus is read-only; write to scratch/<name> instead"))
            }
            return .success(resolved)
        }
    }
}
