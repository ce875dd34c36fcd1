import CGit2
import Foundation

extension GitRepository {
    /// The commit a reference points to (peeling symbolic refs), or nil when it does not exist.
    public func resolveReference(_ name: String) throws -> GitOID? {
        try withHandle { repo in
            var oid = git_oid()
            let status = git_reference_name_to_id(&oid, repo, name)
            if status == GIT_ENOTFOUND.rawValue { return nil }
            try LibGit2.check(status, "cannot read reference \(name)")
            return GitOID(oid)
        }
    }

    /// Points `name` at `target`. With `expected`, the update is a compare-and-swap: it fails
    /// with `.conflict` unless the ref currently points at `expected` (`.some(nil)`: must not exist).
    public func updateReference(_ name: String, to target: GitOID, expected: GitOID?? = nil, logMessage: String) throws {
        try withHandle { repo in
            var oid = target.raw
            var ref: OpaquePointer?
            let status: Int32
            switch expected {
            case .none:
                status = git_reference_create(&ref, repo, name, &oid, 1, logMessage)
            case .some(.none):
                status = git_reference_create(&ref, repo, name, &oid, 0, logMessage)
            case .some(.some(let old)):
                var current = old.raw
                status = git_reference_create_matching(&ref, repo, name, &oid, 1, &current, logMessage)
            }
            if status == GIT_EEXISTS.rawValue || status == GIT_EMODIFIED.rawValue {
                throw FSContextError(.conflict, "reference \(name) moved while we wrote it; retry", gitStatus: status)
            }
            try LibGit2.check(status, "cannot update reference \(name)")
            git_reference_free(ref)
        }
    }

    /// Points HEAD at the branch `name` (e.g. `refs/heads/corpus`); the branch need not exist.
    public func setHead(_ name: String) throws {
        try withHandle { repo in
            try LibGit2.check(git_repository_set_head(repo, name), "cannot set HEAD to \(name)")
        }
    }

    /// Every reference whose name starts with `prefix`, sorted by name, with its target.
    public func references(withPrefix prefix: String) throws -> [(name: String, target: GitOID)] {
        try withHandle { repo in
            var iterator: OpaquePointer?
            try LibGit2.check(git_reference_iterator_glob_new(&iterator, repo, prefix + "*"), "cannot list references")
            defer { git_reference_iterator_free(iterator) }
            var result: [(name: String, target: GitOID)] = []
            var ref: OpaquePointer?
            while git_reference_next(&ref, iterator) == 0 {
                defer { git_reference_free(ref) }
                var resolved: OpaquePointer?
                guard git_reference_resolve(&resolved, ref) == 0 else { continue }
                defer { git_reference_free(resolved) }
                guard let target = git_reference_target(resolved) else { continue }
                result.append((String(cString: git_reference_name(ref)), GitOID(target.pointee)))
            }
            return result.sorted { $0.name < $1.name }
        }
    }

    /// Deletes a reference; a missing one is not an error.
    public func deleteReference(_ name: String) throws {
        try withHandle { repo in
            var ref: OpaquePointer?
            let status = git_reference_lookup(&ref, repo, name)
            if status == GIT_ENOTFOUND.rawValue { return }
            try LibGit2.check(status, "cannot find reference \(name)")
            defer { git_reference_free(ref) }
            try LibGit2.check(git_reference_delete(ref), "cannot delete reference \(name)")
        }
    }
}
