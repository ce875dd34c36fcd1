import CGit2
import Foundation

extension GitRepository {
    /// Replaces the index with exactly `entries` (regular files, executable when the work-tree
    /// file is), taking each file's stat data
    /// from the work tree so `git status` sees a clean tree without rehashing anything.
    func writeIndex(entries: [(path: String, blob: GitOID)]) throws {
        guard let workTree else { throw FSContextError(.git, "a bare repository has no index to write") }
        try withHandle { repo in
            var index: OpaquePointer?
            try LibGit2.check(git_repository_index(&index, repo), "cannot open the index")
            defer { git_index_free(index) }
            try LibGit2.check(git_index_clear(index), "cannot clear the index")
            for (path, blob) in entries {
                var info = stat()
                guard stat(workTree.appendingPathComponent(path).path, &info) == 0 else {
                    throw FSContextError(.io, "cannot stat \(path) in the work tree")
                }
                var entry = git_index_entry()
                entry.ctime = git_index_time(seconds: Int32(truncatingIfNeeded: info.st_ctim.tv_sec), nanoseconds: UInt32(info.st_ctim.tv_nsec))
                entry.mtime = git_index_time(seconds: Int32(truncatingIfNeeded: info.st_mtim.tv_sec), nanoseconds: UInt32(info.st_mtim.tv_nsec))
                entry.dev = UInt32(truncatingIfNeeded: info.st_dev)
                entry.ino = UInt32(truncatingIfNeeded: info.st_ino)
                entry.mode = info.st_mode & S_IXUSR != 0 ? GIT_FILEMODE_BLOB_EXECUTABLE.rawValue : GIT_FILEMODE_BLOB.rawValue
                entry.uid = info.st_uid
                entry.gid = info.st_gid
                entry.file_size = UInt32(truncatingIfNeeded: info.st_size)
                entry.id = blob.raw
                let status = path.withCString { cPath in
                    entry.path = cPath
                    return git_index_add(index, &entry)
                }
                try LibGit2.check(status, "cannot add \(path) to the index")
            }
            try LibGit2.check(git_index_write(index), "cannot write the index")
        }
    }
}
