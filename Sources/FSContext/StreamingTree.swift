/// Builds git trees from files given in git's order (byte order of whole paths), writing each
/// folder's tree as soon as the walk leaves it: memory holds only the open folders' entries,
/// not the whole corpus. The root's entries are handed back, to be joined with other entries
/// (the generated `.fsctx/` and `INDEX.md`) into the root tree.
struct StreamingTree {
    /// One entry of a tree object.
    struct Entry {
        let name: [UInt8]
        let mode: String
        let id: [UInt8]
        var isFolder: Bool { mode == "40000" }
    }

    private var names: [[UInt8]] = []
    private var open: [[Entry]] = [[]]
    private let emit: ([UInt8]) throws -> [UInt8]

    /// `emit` writes a tree's content and returns its id.
    init(emit: @escaping ([UInt8]) throws -> [UInt8]) { self.emit = emit }

    /// Adds the next file; `path` must sort after every path added before it.
    mutating func add(path: UnsafeBufferPointer<UInt8>, blob: [UInt8], executable: Bool) throws {
        var components = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { Array($0) }
        let name = components.removeLast()
        var common = 0
        while common < names.count, common < components.count, names[common] == components[common] { common += 1 }
        while names.count > common { try closeFolder() }
        for component in components[common...] {
            names.append(component)
            open.append([])
        }
        open[open.count - 1].append(Entry(name: name, mode: executable ? "100755" : "100644", id: blob))
    }

    /// Closes every open folder and returns the root's entries.
    mutating func finish() throws -> [Entry] {
        while !names.isEmpty { try closeFolder() }
        return open[0]
    }

    private mutating func closeFolder() throws {
        let entries = open.removeLast()
        let name = names.removeLast()
        let id = try emit(StreamingTree.encode(entries))
        open[open.count - 1].append(Entry(name: name, mode: "40000", id: id))
    }

    /// A tree object's content: entries in git's order (a folder sorts as if its name ended in "/").
    static func encode(_ entries: [Entry]) -> [UInt8] {
        let sorted = entries.sorted { ($0.isFolder ? $0.name + [0x2F] : $0.name).lexicographicallyPrecedes($1.isFolder ? $1.name + [0x2F] : $1.name) }
        var content: [UInt8] = []
        for entry in sorted {
            content += Array(entry.mode.utf8)
            content.append(0x20)
            content += entry.name
            content.append(0)
            content += entry.id
        }
        return content
    }
}
