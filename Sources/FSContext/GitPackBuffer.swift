import CGit2
import Foundation

/// A repository handle whose new objects stay in memory (a libgit2 mempack in front of a
/// read-only view of the stored objects) until `flush()` writes them all as one pack.
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
    var target: OpaquePointer?
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
    ///
    /// The pack is written by FSContext's own `PackFileWriter` (its Huffman-only coder, no delta
    /// search): libgit2's pack builder deflated every object at zlib's default level, which was
    /// most of a step's cost once the run's `steps/` tree had grown.
    public func flush() throws {
        guard !written.isEmpty else { return }
        try repository.withHandle { repo in
            var odb: OpaquePointer?
            try LibGit2.check(git_repository_odb(&odb, repo), "cannot open the object database")
            defer { git_odb_free(odb) }
            try Self.writePack(written.sorted(), from: odb, into: repository.gitDirectory)
            // The stored objects' database learns of the new pack (one readdir per flush).
            try LibGit2.check(git_odb_refresh(target), "cannot reload the object database")
            try LibGit2.check(git_mempack_reset(backend), "cannot empty the object buffer")
        }
        written.removeAll()
        try consolidateSmallPacksIfNeeded()
    }

    /// Writes the objects `oids`, read from `odb`, as one new pack of the repository at `gitDirectory`.
    static func writePack(_ oids: [GitOID], from odb: OpaquePointer?, into gitDirectory: URL) throws {
        let writer = PackFileWriter(gitDirectory: gitDirectory)
        let deflater = Deflater(level: 1, strategy: .fastHuffman)
        do {
            for oid in oids {
                var raw = oid.raw
                var object: OpaquePointer?
                try LibGit2.check(git_odb_read(&object, odb, &raw), "cannot read object \(oid.short)")
                defer { git_odb_object_free(object) }
                let kind: GitObjectKind
                switch git_odb_object_type(object) {
                case GIT_OBJECT_COMMIT: kind = .commit
                case GIT_OBJECT_TREE: kind = .tree
                case GIT_OBJECT_BLOB: kind = .blob
                default: throw FSContextError(.git, "object \(oid.short) has a type fsctx does not pack")
                }
                let content = UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object))
                try writer.append(PackedObject(kind: kind, content: content, deflater: deflater))
            }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }
}
