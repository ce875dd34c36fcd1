/// Builds git tree objects for a set of `path → blob id` in git's canonical form, so the root
/// tree id equals what `git add` + `git write-tree` give for the same files.
struct CanonicalTree {
    private final class Folder {
        var files: [String: (id: [UInt8], executable: Bool)] = [:]
        var folders: [String: Folder] = [:]
    }

    private let root = Folder()

    /// Adds a regular file (mode 100644, or 100755 when `executable`) at a slash-separated path.
    mutating func add(path: String, blob: [UInt8], executable: Bool = false) {
        var components = path.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
        let name = components.removeLast()
        var folder = root
        for component in components {
            if let next = folder.folders[component] { folder = next } else {
                let next = Folder()
                folder.folders[component] = next
                folder = next
            }
        }
        folder.files[name] = (blob, executable)
    }

    /// Encodes every tree, children first; calls `emit` with each tree's content and returns the
    /// root tree's id.
    func write(_ emit: (_ content: [UInt8]) throws -> [UInt8]) rethrows -> [UInt8] {
        try write(root, emit)
    }

    /// Encodes every tree below the root, children first, and returns the root's entries
    /// (unencoded), to be joined with others into one root tree (`StreamingTree.encode`).
    func writeBelowRoot(_ emit: (_ content: [UInt8]) throws -> [UInt8]) rethrows -> [StreamingTree.Entry] {
        var entries: [StreamingTree.Entry] = []
        for (name, file) in root.files { entries.append(.init(name: Array(name.utf8), mode: file.executable ? "100755" : "100644", id: file.id)) }
        for (name, child) in root.folders { entries.append(.init(name: Array(name.utf8), mode: "40000", id: try write(child, emit))) }
        return entries
    }

    private func write(_ folder: Folder, _ emit: ([UInt8]) throws -> [UInt8]) rethrows -> [UInt8] {
        // git sorts entries by name bytes, comparing a folder as if its name ended in "/".
        var entries: [(sortKey: [UInt8], mode: String, name: String, id: [UInt8])] = []
        for (name, file) in folder.files { entries.append((Array(name.utf8), file.executable ? "100755" : "100644", name, file.id)) }
        for (name, child) in folder.folders {
            entries.append((Array(name.utf8) + [0x2F], "40000", name, try write(child, emit)))
        }
        entries.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        var content: [UInt8] = []
        for entry in entries {
            content += Array("\(entry.mode) \(entry.name)".utf8)
            content.append(0)
            content += entry.id
        }
        return try emit(content)
    }
}
