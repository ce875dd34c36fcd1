import CGit2
import Foundation

/// One entry of a git tree.
public struct GitTreeEntry: Sendable, Equatable {
    /// What the entry is.
    public enum Kind: Sendable, Equatable { case blob, tree, symlink, commit }
    /// The entry's name inside its folder.
    public let name: String
    /// The object it points to.
    public let oid: GitOID
    /// Blob, tree, symlink or submodule commit.
    public let kind: Kind
    /// Whether a blob is executable.
    public let executable: Bool
}

/// What a commit says about itself.
public struct GitCommitInfo: Sendable, Equatable {
    /// The commit's id.
    public let oid: GitOID
    /// The root tree.
    public let tree: GitOID
    /// Parents, first parent first.
    public let parents: [GitOID]
    /// The full message.
    public let message: String
    /// The committer time.
    public let date: Date
}

extension GitRepository {
    /// Reads a commit's tree, parents, message and time.
    public func commitInfo(_ oid: GitOID) throws -> GitCommitInfo {
        try withHandle { repo in
            let commit = try lookupCommit(repo, oid)
            defer { git_commit_free(commit) }
            let parents = (0..<git_commit_parentcount(commit)).map { GitOID(git_commit_parent_id(commit, $0).pointee) }
            let message = git_commit_message(commit).map { String(cString: $0) } ?? ""
            return GitCommitInfo(
                oid: oid, tree: GitOID(git_commit_tree_id(commit).pointee), parents: parents, message: message,
                date: Date(timeIntervalSince1970: TimeInterval(git_commit_time(commit))))
        }
    }

    /// The bytes of the blob at `path` in `commit`'s tree, or nil when no blob is there.
    public func readBlob(commit: GitOID, path: String) throws -> [UInt8]? {
        try withHandle { repo in
            let commitHandle = try lookupCommit(repo, commit)
            defer { git_commit_free(commitHandle) }
            var tree: OpaquePointer?
            try LibGit2.check(git_commit_tree(&tree, commitHandle), "no tree for \(commit.short)")
            defer { git_tree_free(tree) }
            var entry: OpaquePointer?
            let status = git_tree_entry_bypath(&entry, tree, path)
            if status == GIT_ENOTFOUND.rawValue { return nil }
            try LibGit2.check(status, "cannot look up \(path)")
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
            return try blobBytes(repo, GitOID(git_tree_entry_id(entry).pointee))
        }
    }

    /// The bytes of a blob by id.
    public func readBlob(_ oid: GitOID) throws -> [UInt8] {
        try withHandle { repo in try blobBytes(repo, oid) }
    }

    /// The entries of the folder at `path` (empty string: the root) of a commit or tree,
    /// sorted as git sorts them; nil when there is no folder there.
    public func listTree(_ treeish: GitOID, path: String = "") throws -> [GitTreeEntry]? {
        try withHandle { repo in
            var object: OpaquePointer?
            var raw = treeish.raw
            try LibGit2.check(git_object_lookup(&object, repo, &raw, GIT_OBJECT_ANY), "no object \(treeish.short)")
            defer { git_object_free(object) }
            var rootTree: OpaquePointer?
            try LibGit2.check(git_object_peel(&rootTree, object, GIT_OBJECT_TREE), "\(treeish.short) has no tree")
            defer { git_object_free(rootTree) }
            var tree = rootTree
            var subtree: OpaquePointer?
            defer { if let subtree { git_tree_free(subtree) } }
            if !path.isEmpty {
                var entry: OpaquePointer?
                let status = git_tree_entry_bypath(&entry, rootTree, path)
                if status == GIT_ENOTFOUND.rawValue { return nil }
                try LibGit2.check(status, "cannot look up \(path)")
                defer { git_tree_entry_free(entry) }
                guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
                try LibGit2.check(git_tree_lookup(&subtree, repo, git_tree_entry_id(entry)), "cannot read \(path)")
                tree = subtree
            }
            return (0..<git_tree_entrycount(tree)).map { index in
                let entry = git_tree_entry_byindex(tree, index)
                let mode = git_tree_entry_filemode(entry)
                let kind: GitTreeEntry.Kind
                switch mode {
                case GIT_FILEMODE_TREE: kind = .tree
                case GIT_FILEMODE_LINK: kind = .symlink
                case GIT_FILEMODE_COMMIT: kind = .commit
                default: kind = .blob
                }
                return GitTreeEntry(
                    name: String(cString: git_tree_entry_name(entry)), oid: GitOID(git_tree_entry_id(entry).pointee),
                    kind: kind, executable: mode == GIT_FILEMODE_BLOB_EXECUTABLE)
            }
        }
    }

    private func lookupCommit(_ repo: OpaquePointer, _ oid: GitOID) throws -> OpaquePointer {
        var raw = oid.raw
        var commit: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&commit, repo, &raw), "no commit \(oid.short)")
        return commit!
    }

    private func blobBytes(_ repo: OpaquePointer, _ oid: GitOID) throws -> [UInt8] {
        var raw = oid.raw
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, repo, &raw), "no blob \(oid.short)")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }
}
