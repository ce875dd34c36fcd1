import FSContext
import SharedValues
import Foundation

/// Says which paths a logged call names are files of the corpus commit, so an imported step
/// can point at them (`corpus_files` in the step record, `Fsctx-Corpus-File` trailer).
final class CorpusFileLocator {
    let repository: GitRepository
    let commit: GitOID
    private var folders: [String: Set<String>?] = [:]

    init(repository: GitRepository, commit: GitOID) {
        self.repository = repository
        self.commit = commit
    }

    /// The corpus files among `paths`, relative to the corpus root; absolute paths are taken
    /// relative to `cwd` (the directory the agent ran in) when they lie under it.
    func files(among paths: [String], cwd: String?) -> [String] {
        var found: [String] = []
        for raw in paths {
            var path = raw
            if path.hasPrefix("/") {
                guard let cwd, path.hasPrefix(cwd.hasSuffix("/") ? cwd : cwd + "/") else { continue }
                path = String(path.dropFirst(cwd.count)).drop { $0 == "/" }.description
            }
            while path.hasPrefix("./") { path.removeFirst(2) }
            guard !path.isEmpty, !path.contains(".."), exists(path), !found.contains(path) else { continue }
            found.append(path)
        }
        return found
    }

    func exists(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return false }
        let folder = parts.dropLast().joined(separator: "/")
        if folders[folder] == nil {
            let entries = (try? repository.listTree(commit, path: folder)) ?? nil
            folders[folder] = entries.map { Set($0.filter { $0.kind == .blob }.map(\.name)) }
        }
        return folders[folder]??.contains(String(name)) ?? false
    }
}
