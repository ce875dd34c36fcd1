import Foundation

/// A materialized corpus: its repository, the commit on `corpus`, and its work tree. Reads go
/// to the object database at the corpus commit, so they see exactly what was committed.
public final class CorpusRepository: Sendable {
    /// The underlying repository (runs record into it).
    public let git: GitRepository
    /// The work tree root, where the corpus is checked out read-only.
    public let workTree: URL
    /// The commit `refs/heads/corpus` pointed at when this value was opened.
    public let corpusCommit: GitOID
    /// The root tree of `corpusCommit`.
    public let corpusTree: GitOID

    private let manifestCache = ManifestCache()

    private init(git: GitRepository, workTree: URL, corpusCommit: GitOID, corpusTree: GitOID) {
        self.git = git
        self.workTree = workTree
        self.corpusCommit = corpusCommit
        self.corpusTree = corpusTree
    }

    /// Opens the corpus repository at `url` (its work tree).
    public static func open(at url: URL) throws -> CorpusRepository {
        guard GitRepository.exists(at: url) else {
            throw FSContextError(.notFound, "\(url.path) is not a corpus repository; create one with fsctx materialize <input> --into \(url.path)")
        }
        let git = try GitRepository.open(at: url)
        guard let commit = try git.resolveReference(Materializer.branch) else {
            throw FSContextError(.notFound, "\(url.path) has no corpus branch; create one with fsctx materialize <input> --into \(url.path)")
        }
        return CorpusRepository(git: git, workTree: git.workTree ?? url, corpusCommit: commit, corpusTree: try git.commitInfo(commit).tree)
    }

    /// Every file path of the corpus, sorted as git sorts trees. `INDEX.md` pages are included;
    /// `.fsctx/` only when `includeMetadata` is true.
    public func listFiles(includeMetadata: Bool = false) throws -> [String] {
        var paths: [String] = []
        try collect(folder: "", into: &paths, includeMetadata: includeMetadata)
        return paths
    }

    private func collect(folder: String, into paths: inout [String], includeMetadata: Bool) throws {
        for entry in try git.listTree(corpusTree, path: folder) ?? [] {
            let path = folder.isEmpty ? entry.name : folder + "/" + entry.name
            if !includeMetadata, folder.isEmpty, entry.name == ".fsctx" { continue }
            switch entry.kind {
            case .tree: try collect(folder: path, into: &paths, includeMetadata: includeMetadata)
            case .blob: paths.append(path)
            default: continue
            }
        }
    }

    /// The bytes of the file at `path` in the corpus commit.
    public func read(path: String) throws -> [UInt8] {
        guard let bytes = try git.readBlob(commit: corpusCommit, path: path) else {
            throw FSContextError(.notFound, "no file \(path) in the corpus")
        }
        return bytes
    }

    /// The file at `path` as text (invalid UTF-8 cannot occur: the materializer repaired or rejected it).
    public func readText(path: String) throws -> String {
        String(decoding: try read(path: path), as: UTF8.self)
    }

    /// Every row of `.fsctx/manifest.jsonl`, in corpus order.
    public func manifest() throws -> [ManifestEntry] {
        try manifestCache.entries { try self.loadManifest() }
    }

    /// Where line `line` (1-based) of the corpus file `path` came from; nil when the path is not
    /// a corpus file (e.g. `INDEX.md`) or the line is past its end.
    public func provenance(path: String, line: Int) throws -> SourceLocation? {
        guard line >= 1, let entry = try manifestCache.byPath({ try self.loadManifest() })[path] else { return nil }
        let bytes = try read(path: path)
        var offset = 0
        var current = 1
        while current < line {
            guard let newline = bytes[offset...].firstIndex(of: 0x0A), newline + 1 < bytes.count else { return nil }
            offset = newline + 1
            current += 1
        }
        if entry.kind == "document" {
            return SourceLocation(source: entry.source, line: entry.lines[0], byteOffset: entry.bytes[0], documentID: entry.id, lineInDocument: line)
        }
        return SourceLocation(source: entry.source, line: entry.lines[0] + line - 1, byteOffset: entry.bytes[0] + offset,
                              documentID: nil, lineInDocument: nil)
    }

    private func loadManifest() throws -> [ManifestEntry] {
        let bytes = try read(path: ".fsctx/manifest.jsonl")
        let decoder = JSONDecoder()
        return try bytes.split(separator: 0x0A).map { line in
            do { return try decoder.decode(ManifestEntry.self, from: Data(line)) } catch {
                throw FSContextError(.badInput, "corrupt .fsctx/manifest.jsonl in \(workTree.path)", underlying: error)
            }
        }
    }
}

/// Loads the manifest once, thread-safely.
private final class ManifestCache: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [ManifestEntry]?
    private var index: [String: ManifestEntry]?

    func entries(_ load: () throws -> [ManifestEntry]) throws -> [ManifestEntry] {
        lock.lock(); defer { lock.unlock() }
        if let list { return list }
        let loaded = try load()
        list = loaded
        return loaded
    }

    func byPath(_ load: () throws -> [ManifestEntry]) throws -> [String: ManifestEntry] {
        let all = try entries(load)
        lock.lock(); defer { lock.unlock() }
        if let index { return index }
        let built = Dictionary(all.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        index = built
        return built
    }
}
