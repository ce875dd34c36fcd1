import Foundation

/// The directory a corpus is materialized into, checked and opened (or created).
struct CorpusTarget {
    /// The work tree root.
    let url: URL
    /// The repository.
    let repository: GitRepository
    /// The current corpus commit when re-materializing, nil for a new corpus.
    let previous: GitOID?
    /// Whether this run created the directory (or repository) and so may remove it on failure.
    let createdDirectory: Bool
    let createdRepository: Bool

    /// Checks `url`: a new path or an empty directory gets a new repository; a corpus
    /// repository is reused; anything else is refused.
    static func prepare(_ url: URL) throws -> CorpusTarget {
        let url = url.standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw FSContextError(.badTarget, "\(url.path) exists and is not a directory; choose a new or empty directory")
            }
            let entries = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
            if entries.isEmpty {
                let repository = try GitRepository.create(at: url)
                try repository.setHead(Materializer.branch)
                return CorpusTarget(url: url, repository: repository, previous: nil, createdDirectory: false, createdRepository: true)
            }
            let notCorpus = FSContextError(.badTarget, "\(url.path) is not empty and is not a corpus repository; choose a new or empty directory")
            guard entries.contains(".git"), GitRepository.exists(at: url) else { throw notCorpus }
            let repository = try GitRepository.open(at: url)
            guard let workTree = repository.workTree, workTree.standardizedFileURL.path == url.path,
                  let previous = try repository.resolveReference(Materializer.branch),
                  try repository.readBlob(commit: previous, path: ".fsctx/corpus.json") != nil
            else { throw notCorpus }
            try repository.setConfig("gc.auto", "0")
            return CorpusTarget(url: url, repository: repository, previous: previous, createdDirectory: false, createdRepository: false)
        }
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw FSContextError(.badTarget, "cannot create \(url.path): \(error.localizedDescription)")
        }
        let repository = try GitRepository.create(at: url)
        try repository.setHead(Materializer.branch)
        return CorpusTarget(url: url, repository: repository, previous: nil, createdDirectory: true, createdRepository: true)
    }

    /// After a failure: removes what this run created (the directory, or the repository it
    /// put into an empty directory).
    func discardIfCreated() {
        if createdDirectory {
            WorkTreeWriter.makeWritable(url)
            try? FileManager.default.removeItem(at: url)
        } else if createdRepository {
            WorkTreeWriter.makeWritable(url)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
                try? FileManager.default.removeItem(at: url.appendingPathComponent(entry))
            }
        }
    }
}
