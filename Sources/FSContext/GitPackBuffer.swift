import CGit2
import Foundation

/// A repository handle whose new objects stay in memory (a libgit2 mempack backend with the
/// highest priority) until `flush()` writes them all into the object database as one pack.
///
/// Writing many small commits as loose objects costs one file per object; buffering them and
/// writing one pack per flush is what makes per-step audit commits cheap. Reads through
/// `repository` see both the buffered and the stored objects. Nothing buffered is durable until
/// `flush()` returns, so callers must move references only after a flush.
public final class GitPackBuffer: @unchecked Sendable {
    /// The dedicated handle that writes into the buffer (do not share it with code that expects
    /// its writes to be durable immediately).
    public let repository: GitRepository
    private let backend: UnsafeMutablePointer<git_odb_backend>
    /// The repository's stored objects (owned by the proxy backend, alive as long as `repository`).
    private var target: OpaquePointer?
    /// The objects written since the last flush, to go into the next pack.
    private var written: Set<GitOID> = []
    /// How many objects wait for the next flush.
    public var pendingWrites: Int { written.count }

    /// Opens a second handle on the repository at `gitDirectory` with a memory buffer in front.
    public init(gitDirectory: URL) throws {
        repository = try GitRepository.open(at: gitDirectory)
        var mempack: UnsafeMutablePointer<git_odb_backend>?
        try LibGit2.check(git_mempack_new(&mempack), "cannot create an in-memory object buffer")
        backend = mempack!
        // The pack needs no delta search (it made each flush cost seconds once trees grew):
        // this handle gets its own config where every object counts as too big to deltify.
        // (libgit2 1.5 reads the threshold from pack.deltaCacheSize by mistake; set both.)
        let folder = repository.gitDirectory.appendingPathComponent("fsctx", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configFile = folder.appendingPathComponent("pack-buffer.config")
        let settings = "[pack]\n\tbigFileThreshold = 1\n\tdeltaCacheSize = 1\n"
        if (try? String(contentsOf: configFile, encoding: .utf8)) != settings {
            try? settings.write(to: configFile, atomically: true, encoding: .utf8)
        }
        try repository.withHandle { repo in
            // This handle's object database is [buffer, read-only proxy to the repository's
            // objects]: writes land in the buffer without libgit2's freshen-then-refresh (a
            // readdir of objects/pack per written object when the odb is the repository's own).
            var stored: OpaquePointer?
            try LibGit2.check(git_odb_open(&stored, repository.gitDirectory.appendingPathComponent("objects").path),
                              "cannot open the object database")
            var proxy: UnsafeMutablePointer<git_odb_backend>?
            guard cgit2_proxy_backend_new(&proxy, stored) == 0, let proxy else {
                git_odb_free(stored)
                throw FSContextError(.git, "cannot create the object database proxy")
            }
            target = stored
            var odb: OpaquePointer?
            try LibGit2.check(git_odb_new(&odb), "cannot create an object database")
            defer { git_odb_free(odb) }
            try LibGit2.check(git_odb_add_backend(odb, backend, 2), "cannot add the in-memory object buffer")
            try LibGit2.check(git_odb_add_backend(odb, proxy, 1), "cannot add the object database proxy")
            git_repository_set_odb(repo, odb)
            var config: OpaquePointer?
            if git_config_open_ondisk(&config, configFile.path) == 0 {
                git_repository_set_config(repo, config)
                git_config_free(config)
            }
        }
    }

    /// Notes objects written through `repository` that the next flush must store.
    /// (`git_mempack_dump` would pack each buffered commit's whole tree, corpus included.)
    public func track(_ oids: [GitOID]) { written.formUnion(oids) }

    /// Notes the trees `git_tree_create_updated` wrote for `root`: the root and every folder on
    /// the paths in `folders` (e.g. `.fsctx`, `.fsctx/runs`).
    public func trackTrees(root: GitOID, folders: Set<String>) throws {
        written.insert(root)
        try repository.withHandle { repo in
            var raw = root.raw
            var tree: OpaquePointer?
            try LibGit2.check(git_tree_lookup(&tree, repo, &raw), "no tree \(root.short)")
            defer { git_tree_free(tree) }
            for folder in folders {
                var entry: OpaquePointer?
                guard git_tree_entry_bypath(&entry, tree, folder) == 0 else { continue }
                written.insert(GitOID(git_tree_entry_id(entry).pointee))
                git_tree_entry_free(entry)
            }
        }
    }

    /// Writes every buffered object into the object database as one pack (with its index),
    /// then empties the buffer. After it returns the objects are on disk.
    public func flush() throws {
        guard !written.isEmpty else { return }
        try repository.withHandle { repo in
            var builder: OpaquePointer?
            try LibGit2.check(git_packbuilder_new(&builder, repo), "cannot start a pack")
            defer { git_packbuilder_free(builder) }
            for oid in written.sorted() {
                var raw = oid.raw
                try LibGit2.check(git_packbuilder_insert(builder, &raw, nil), "cannot add \(oid.short) to the pack")
            }
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            try LibGit2.check(git_packbuilder_write_buf(&buffer, builder), "cannot pack the buffered objects")
            var writer: UnsafeMutablePointer<git_odb_writepack>?
            try LibGit2.check(git_odb_write_pack(&writer, target, nil, nil), "cannot start writing a pack")
            defer { writer!.pointee.free(writer) }
            var progress = git_indexer_progress()
            try LibGit2.check(writer!.pointee.append(writer, buffer.ptr, buffer.size, &progress), "cannot write the pack")
            try LibGit2.check(writer!.pointee.commit(writer, &progress), "cannot finish the pack")
            try LibGit2.check(git_mempack_reset(backend), "cannot empty the object buffer")
        }
        written.removeAll()
    }
}
