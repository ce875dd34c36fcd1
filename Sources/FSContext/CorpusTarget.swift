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

    /// The config key that marks a repository `fsctx materialize` created, so that a rerun
    /// after a kill (no corpus commit yet) recognises it and reuses it.
    static let createdMark = "fsctx.materialize"

    /// Checks `url`: a new path or an empty directory gets a new repository (marked as ours); a
    /// corpus repository, or one an interrupted materialize created, is reused; anything else is
    /// refused. A reused repository loses what killed runs left behind (see `removeLeftovers`).
    static func prepare(_ url: URL) throws -> CorpusTarget {
        let url = url.standardizedFileURL
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw FSContextError(.badTarget, "\(url.path) exists and is not a directory; choose a new or empty directory")
            }
            var entries = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
            entries.removeAll { removeStaleCreation(named: $0, in: url) }
            if entries.isEmpty {
                let repository = try create(at: url)
                return CorpusTarget(url: url, repository: repository, previous: nil, createdDirectory: false, createdRepository: true)
            }
            let notCorpus = FSContextError(.badTarget, "\(url.path) is not empty and is not a corpus repository; choose a new or empty directory")
            guard entries.contains(".git"), GitRepository.exists(at: url) else { throw notCorpus }
            let repository = try GitRepository.open(at: url)
            guard let workTree = repository.workTree, workTree.standardizedFileURL.path == url.path else { throw notCorpus }
            guard let previous = try repository.resolveReference(Materializer.branch) else {
                // A materialize that created this repository was killed before its commit:
                // start again in it (the work tree is still empty then).
                guard repository.config(createdMark) == "created", entries == [".git"] else { throw notCorpus }
                try removeLeftovers(repository)
                return CorpusTarget(url: url, repository: repository, previous: nil, createdDirectory: false, createdRepository: true)
            }
            guard try repository.readBlob(commit: previous, path: ".fsctx/corpus.json") != nil else { throw notCorpus }
            try repository.setConfig("gc.auto", "0")
            try removeLeftovers(repository)
            return CorpusTarget(url: url, repository: repository, previous: previous, createdDirectory: false, createdRepository: false)
        }
        do {
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw FSContextError(.badTarget, "cannot create \(url.path): \(error.localizedDescription)")
        }
        let repository = try create(at: url)
        return CorpusTarget(url: url, repository: repository, previous: nil, createdDirectory: true, createdRepository: true)
    }

    /// A new repository with HEAD on the corpus branch, marked as created by materialize. It is
    /// made in a folder of its own inside `url` and its `.git` renamed into place, so a kill
    /// leaves either no `.git` or a marked one (and a leftover folder a rerun removes).
    private static func create(at url: URL) throws -> GitRepository {
        let building = url.appendingPathComponent(creationPrefix + String(getpid()), isDirectory: true)
        try? FileManager.default.removeItem(at: building)
        do {
            let repository = try GitRepository.create(at: building)
            try repository.setHead(Materializer.branch)
            try repository.setConfig(createdMark, "created")
        }
        guard rename(building.appendingPathComponent(".git").path, url.appendingPathComponent(".git").path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: building)
            throw FSContextError(.io, "cannot create the repository in \(url.path): \(reason)")
        }
        try? FileManager.default.removeItem(at: building)
        return try GitRepository.open(at: url)
    }

    /// The folder a new repository is built in (`<target>/.fsctx-new-<pid>`).
    private static let creationPrefix = ".fsctx-new-"

    /// Removes `name` from `url` when it is the creation folder of a materialize that is gone;
    /// returns whether it did.
    private static func removeStaleCreation(named name: String, in url: URL) -> Bool {
        guard name.hasPrefix(creationPrefix), let pid = Int32(name.dropFirst(creationPrefix.count)), !processIsAlive(pid) else { return false }
        return (try? FileManager.default.removeItem(at: url.appendingPathComponent(name))) != nil
    }

    /// Removes what killed materialize runs left in `repository`: their staging folders
    /// (`.git/fsctx-staging-<pid>`) and temporary packs (`objects/pack/tmp_fsctx_<pid>_…`), when
    /// that process is gone. Objects of a run that never committed are unreachable and harmless;
    /// a pack renamed into place without its index (a kill between the two renames) is removed too.
    static func removeLeftovers(_ repository: GitRepository) throws {
        let manager = FileManager.default
        let gitDirectory = repository.gitDirectory
        for name in (try? manager.contentsOfDirectory(atPath: gitDirectory.path)) ?? [] where name.hasPrefix("fsctx-staging-") {
            guard let pid = Int32(name.dropFirst("fsctx-staging-".count)), !processIsAlive(pid) else { continue }
            let folder = gitDirectory.appendingPathComponent(name)
            WorkTreeWriter.makeWritable(folder)
            try? manager.removeItem(at: folder)
        }
        let packs = gitDirectory.appendingPathComponent("objects/pack")
        let names = Set((try? manager.contentsOfDirectory(atPath: packs.path)) ?? [])
        for name in names {
            if name.hasPrefix("tmp_fsctx_") {
                let pid = name.dropFirst("tmp_fsctx_".count).prefix { $0 != "_" }
                guard let pid = Int32(pid), !processIsAlive(pid) else { continue }
                try? manager.removeItem(at: packs.appendingPathComponent(name))
            } else if name.hasPrefix("pack-"), name.hasSuffix(".pack"), !names.contains(String(name.dropLast(5)) + ".idx") {
                // A writer renames the pack, then its index, at once; give a live one time to.
                let url = packs.appendingPathComponent(name)
                let modified = (try? manager.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
                if Date().timeIntervalSince(modified) > 60 { try? manager.removeItem(at: url) }
            }
        }
    }

    /// Whether a process with this id exists (signal 0 probes without sending anything).
    private static func processIsAlive(_ pid: Int32) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
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
