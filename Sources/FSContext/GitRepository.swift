import CGit2
import Foundation

/// A libgit2 repository handle: the only door to git in the project.
///
/// libgit2 handles are not thread-safe, so every call takes an internal lock; one instance can
/// be shared by many tasks (it is `Sendable`), and calls are serialized. Hot paths that want
/// parallelism open one instance per task.
public final class GitRepository: @unchecked Sendable {
    /// The repository's git directory (`.git` for a non-bare repo).
    public let gitDirectory: URL
    /// The work tree, or nil for a bare repository.
    public let workTree: URL?

    let handle: OpaquePointer
    private let lock = NSLock()

    private init(handle: OpaquePointer) {
        self.handle = handle
        self.gitDirectory = URL(fileURLWithPath: String(cString: git_repository_path(handle)))
        if let workdir = git_repository_workdir(handle) {
            self.workTree = URL(fileURLWithPath: String(cString: workdir))
        } else {
            self.workTree = nil
        }
    }

    deinit { git_repository_free(handle) }

    /// Opens an existing repository at `url` (its work tree or its git directory).
    public static func open(at url: URL) throws -> GitRepository {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        let status = git_repository_open_ext(&handle, url.path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if status == GIT_ENOTFOUND.rawValue {
            throw FSContextError(.notFound, "\(url.path) is not a git repository")
        }
        try LibGit2.check(status, "cannot open repository \(url.path)")
        return GitRepository(handle: handle!)
    }

    /// Creates a new repository at `url` (a work tree with `.git`, or a bare one).
    /// The repository is set up for our use: `gc.auto=0`, so git never repacks under a run.
    public static func create(at url: URL, bare: Bool = false) throws -> GitRepository {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        try LibGit2.check(git_repository_init(&handle, url.path, bare ? 1 : 0), "cannot create repository at \(url.path)")
        let repository = GitRepository(handle: handle!)
        try repository.setConfig("gc.auto", "0")
        return repository
    }

    /// Whether `url` holds a git repository (work tree or git directory) that libgit2 can open.
    public static func exists(at url: URL) -> Bool {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        guard git_repository_open_ext(&handle, url.path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil) == 0 else { return false }
        git_repository_free(handle)
        return true
    }

    /// Runs `body` with the raw handle while holding the lock.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(handle)
    }

    /// Sets a string value in the repository's own config (`.git/config`).
    public func setConfig(_ key: String, _ value: String) throws {
        try withHandle { repo in
            var config: OpaquePointer?
            try LibGit2.check(git_repository_config(&config, repo), "cannot open config")
            defer { git_config_free(config) }
            try LibGit2.check(git_config_set_string(config, key, value), "cannot set \(key)")
        }
    }

    /// Reads a string value from the repository's config, or nil when unset.
    public func config(_ key: String) -> String? {
        withHandle { repo in
            var config: OpaquePointer?
            guard git_repository_config(&config, repo) == 0 else { return nil }
            defer { git_config_free(config) }
            var snapshot: OpaquePointer?
            guard git_config_snapshot(&snapshot, config) == 0 else { return nil }
            defer { git_config_free(snapshot) }
            var value: UnsafePointer<CChar>?
            guard git_config_get_string(&value, snapshot, key) == 0, let value else { return nil }
            return String(cString: value)
        }
    }
}
