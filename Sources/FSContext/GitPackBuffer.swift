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
    /// How many objects were written since the last flush (an estimate: every write call counts).
    public private(set) var pendingWrites = 0

    /// Opens a second handle on the repository at `gitDirectory` with a memory buffer in front.
    public init(gitDirectory: URL) throws {
        repository = try GitRepository.open(at: gitDirectory)
        var mempack: UnsafeMutablePointer<git_odb_backend>?
        try LibGit2.check(git_mempack_new(&mempack), "cannot create an in-memory object buffer")
        backend = mempack!
        try repository.withHandle { repo in
            var odb: OpaquePointer?
            try LibGit2.check(git_repository_odb(&odb, repo), "cannot open the object database")
            defer { git_odb_free(odb) }
            try LibGit2.check(git_odb_add_backend(odb, backend, 1000), "cannot add the in-memory object buffer")
        }
    }

    /// Notes that objects were written through `repository` (for `pendingWrites`).
    public func noteWrites(_ count: Int) { pendingWrites += count }

    /// Writes every buffered object into the object database as one pack (with its index),
    /// then empties the buffer. After it returns the objects are on disk.
    public func flush() throws {
        guard pendingWrites > 0 else { return }
        try repository.withHandle { repo in
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            try LibGit2.check(git_mempack_dump(&buffer, repo, backend), "cannot pack the buffered objects")
            var odb: OpaquePointer?
            try LibGit2.check(git_repository_odb(&odb, repo), "cannot open the object database")
            defer { git_odb_free(odb) }
            var writer: UnsafeMutablePointer<git_odb_writepack>?
            try LibGit2.check(git_odb_write_pack(&writer, odb, nil, nil), "cannot start writing a pack")
            defer { writer!.pointee.free(writer) }
            var progress = git_indexer_progress()
            try LibGit2.check(writer!.pointee.append(writer, buffer.ptr, buffer.size, &progress), "cannot write the pack")
            try LibGit2.check(writer!.pointee.commit(writer, &progress), "cannot finish the pack")
            try LibGit2.check(git_mempack_reset(backend), "cannot empty the object buffer")
        }
        pendingWrites = 0
    }
}
