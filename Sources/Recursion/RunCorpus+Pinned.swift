import FSContext
import Foundation

extension RunCorpus {
    /// The corpus of the repository at `url` as it was at `commit`: the repository's own work
    /// tree when the corpus branch still points there, else a temporary work tree written from
    /// that commit's tree (`removeTemporaryWorkTree()` deletes it). A replay runs on this, so
    /// it sees the files the recorded run saw even after the corpus moved on.
    public static func pinned(at url: URL, commit: GitOID) throws -> RunCorpus {
        let current = try open(at: url)
        guard current.commit != commit else { return current }
        guard current.repository.contains(commit) else {
            throw RecursionError(.badInput, "the corpus commit \(commit.short) of this run is not in \(url.path) any more; it cannot be replayed on it")
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("fsctx-pinned-\(commit.short)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        do {
            try write(tree: commit, path: "", repository: current.repository, into: folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw RecursionError(.badInput, "cannot write the corpus at \(commit.short) to a temporary work tree: \(error)")
        }
        var pinned = RunCorpus(repository: current.repository, commit: commit, workTree: folder)
        pinned.temporaryWorkTree = true
        return pinned
    }

    /// Deletes the work tree when `pinned(at:commit:)` wrote a temporary one.
    public func removeTemporaryWorkTree() {
        guard temporaryWorkTree else { return }
        try? FileManager.default.removeItem(at: workTree)
    }

    private static func write(tree commit: GitOID, path: String, repository: GitRepository, into root: URL) throws {
        let folder = path.isEmpty ? root : root.appendingPathComponent(path, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for entry in try repository.listTree(commit, path: path) ?? [] {
            let child = path.isEmpty ? entry.name : path + "/" + entry.name
            switch entry.kind {
            case .tree: try write(tree: commit, path: child, repository: repository, into: root)
            case .blob: try Data(try repository.readBlob(entry.oid)).write(to: root.appendingPathComponent(child))
            default: continue  // symlinks and submodules are not corpus files
            }
        }
    }
}
