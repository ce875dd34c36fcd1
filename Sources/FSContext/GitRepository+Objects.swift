import CGit2
import Foundation

/// A change to one path of a tree, for `GitRepository.writeTree(updating:with:)`.
public enum GitTreeUpdate: Sendable, Equatable {
    /// Put a blob at the path (creating folders as needed), replacing what was there.
    case blob(GitOID, executable: Bool = false)
    /// Remove the entry at the path.
    case remove
}

extension GitRepository {
    /// Writes a blob into the object database and returns its id.
    @discardableResult
    public func writeBlob(_ bytes: some ContiguousBytes) throws -> GitOID {
        try withHandle { repo in
            var oid = git_oid()
            let status = bytes.withUnsafeBytes { buffer in
                git_blob_create_from_buffer(&oid, repo, buffer.baseAddress, buffer.count)
            }
            try LibGit2.check(status, "cannot write blob")
            return GitOID(oid)
        }
    }

    /// Writes a blob holding the UTF-8 bytes of `text`.
    @discardableResult
    public func writeBlob(text: String) throws -> GitOID {
        try writeBlob(Array(text.utf8))
    }

    /// Writes a tree that is `base` (or the empty tree) with `updates` applied, keyed by
    /// slash-separated paths; folders are created and emptied folders dropped as needed.
    public func writeTree(updating base: GitOID?, with updates: [String: GitTreeUpdate]) throws -> GitOID {
        try withHandle { repo in
            var baseTree: OpaquePointer?
            if let base {
                var oid = base.raw
                try LibGit2.check(git_tree_lookup(&baseTree, repo, &oid), "no tree \(base.short)")
            }
            defer { if let baseTree { git_tree_free(baseTree) } }

            let paths = updates.keys.sorted()
            let cPaths = paths.map { strdup($0)! }
            defer { cPaths.forEach { free($0) } }
            var raw: [git_tree_update] = []
            raw.reserveCapacity(paths.count)
            for (index, path) in paths.enumerated() {
                var entry = git_tree_update()
                entry.path = UnsafePointer(cPaths[index])
                switch updates[path]! {
                case .blob(let oid, let executable):
                    entry.action = GIT_TREE_UPDATE_UPSERT
                    entry.id = oid.raw
                    entry.filemode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB
                case .remove:
                    entry.action = GIT_TREE_UPDATE_REMOVE
                }
                raw.append(entry)
            }
            var out = git_oid()
            if baseTree == nil && raw.isEmpty {
                // The empty tree: git_tree_create_updated needs a baseline or an update.
                var builder: OpaquePointer?
                try LibGit2.check(git_treebuilder_new(&builder, repo, nil), "cannot build tree")
                defer { git_treebuilder_free(builder) }
                try LibGit2.check(git_treebuilder_write(&out, builder), "cannot write empty tree")
                return GitOID(out)
            }
            try LibGit2.check(git_tree_create_updated(&out, repo, baseTree, raw.count, raw), "cannot write tree")
            return GitOID(out)
        }
    }

    /// Writes a commit object (without moving any reference) and returns its id.
    public func writeCommit(
        tree: GitOID, parents: [GitOID], message: String,
        author: GitSignature = GitSignature(), committer: GitSignature? = nil
    ) throws -> GitOID {
        try withHandle { repo in
            var treeOID = tree.raw
            var treeHandle: OpaquePointer?
            try LibGit2.check(git_tree_lookup(&treeHandle, repo, &treeOID), "no tree \(tree.short)")
            defer { git_tree_free(treeHandle) }
            var parentHandles: [OpaquePointer?] = []
            defer { parentHandles.forEach { git_commit_free($0) } }
            for parent in parents {
                var oid = parent.raw
                var commit: OpaquePointer?
                try LibGit2.check(git_commit_lookup(&commit, repo, &oid), "no commit \(parent.short)")
                parentHandles.append(commit)
            }
            var out = git_oid()
            try author.withRaw { authorSig in
                try (committer ?? author).withRaw { committerSig in
                    let status = parentHandles.withUnsafeMutableBufferPointer { buffer in
                        git_commit_create(&out, repo, nil, authorSig, committerSig, "UTF-8", message,
                                          treeHandle, parents.count, buffer.baseAddress)
                    }
                    try LibGit2.check(status, "cannot write commit")
                }
            }
            return GitOID(out)
        }
    }

    /// Whether the object database holds `oid`.
    public func contains(_ oid: GitOID) -> Bool {
        withHandle { repo in
            var odb: OpaquePointer?
            guard git_repository_odb(&odb, repo) == 0 else { return false }
            defer { git_odb_free(odb) }
            var raw = oid.raw
            return git_odb_exists(odb, &raw) == 1
        }
    }
}
