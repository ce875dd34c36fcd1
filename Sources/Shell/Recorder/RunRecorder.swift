import FSContext
import Foundation

/// Writes a run's history into git: one commit per step, on the run's ref
/// `refs/fsctx/runs/<id>` or on side branches for sub-calls and candidates (DESIGN §4).
///
/// Every file goes under `.fsctx/runs/<id>/` in the commit's tree, which is the previous
/// commit's tree updated in place (`git_tree_create_updated`), so a step costs a few objects
/// whatever the corpus size. New objects are buffered in memory and written as one pack per
/// flush (after `durability`'s commit count or delay, or on `flush()`); references move only
/// after the flush has put their objects on disk, with a compare-and-swap, so a process killed
/// at any point leaves a history that `git fsck --strict` accepts (losing at most the unflushed
/// steps). All writers of a run go through this one actor; step numbers are handed out here,
/// unique across branches.
public actor RunRecorder {
    /// When buffered commits are written to disk and references moved.
    public enum Durability: Sendable, Equatable {
        /// After every commit (one small pack per commit).
        case eachCommit
        /// After `maxCommits` commits or `maxDelay` seconds after the first unflushed one.
        case batched(maxCommits: Int, maxDelay: Double)
    }

    /// The repository the run is recorded in (the corpus repository).
    public nonisolated let repository: GitRepository
    /// The run id (the last part of `refs/fsctx/runs/<id>`).
    public nonisolated let runID: String
    /// The corpus commit the run started from: the parent of its first commit.
    public nonisolated let base: GitOID
    /// The run's main branch.
    public nonisolated var main: RunBranch { .main(runID: runID) }
    /// The folder in each commit's tree that holds this run's files.
    public nonisolated var runFolder: String { ".fsctx/runs/\(runID)" }

    /// How buffered commits become durable.
    public nonisolated let durability: Durability
    let buffer: GitPackBuffer
    var heads: [RunBranch: GitOID] = [:]
    /// What each reference holds on disk (nil: it does not exist yet), for the compare-and-swap.
    var stored: [RunBranch: GitOID?] = [:]
    var unflushedCommits = 0
    var flushScheduled = false
    var trees: [GitOID: GitOID] = [:]
    var writtenSinceFork: [RunBranch: [String: GitOID]] = [:]
    var branchOfHead: [GitOID: RunBranch] = [:]
    var nextStep: Int

    /// Starts a new run on `base` (a corpus commit). The run's ref is created by its first commit.
    /// Throws when `runID` is not a valid ref component or the run already exists.
    public init(
        repository: GitRepository, runID: String, base: GitOID,
        durability: Durability = .batched(maxCommits: 1024, maxDelay: 0.25)
    ) throws {
        try Self.validate(runID: runID)
        if try repository.resolveReference(RunBranch.main(runID: runID).reference) != nil {
            throw ShellError(.recorder, "run \(runID) already exists; pass --run \(runID) to append to it or pick another id")
        }
        self.repository = repository
        self.runID = runID
        self.base = base
        self.nextStep = 1
        self.durability = durability
        self.buffer = try Self.makeBuffer(repository)
        self.stored[.main(runID: runID)] = .some(nil)
    }

    init(repository: GitRepository, runID: String, base: GitOID, head: GitOID, nextStep: Int, durability: Durability) throws {
        self.repository = repository
        self.runID = runID
        self.base = base
        self.nextStep = nextStep
        self.durability = durability
        self.buffer = try Self.makeBuffer(repository)
        self.heads[.main(runID: runID)] = head
        self.stored[.main(runID: runID)] = .some(head)
    }

    static func makeBuffer(_ repository: GitRepository) throws -> GitPackBuffer {
        do {
            return try GitPackBuffer(gitDirectory: repository.gitDirectory)
        } catch {
            throw ShellError(.recorder, "cannot open \(repository.gitDirectory.path) for recording", underlying: error)
        }
    }

    /// Opens an existing run to append to it; step numbering continues after the highest
    /// step found on the run's main ref and side branches.
    public static func open(
        repository: GitRepository, runID: String, durability: Durability = .batched(maxCommits: 1024, maxDelay: 0.25)
    ) throws -> RunRecorder {
        try validate(runID: runID)
        let mainRef = RunBranch.main(runID: runID).reference
        guard let head = try repository.resolveReference(mainRef) else {
            throw ShellError(.recorder, "no run \(runID) in \(repository.gitDirectory.path); leave out --run to start a new one")
        }
        var tips = [head]
        tips += try repository.references(withPrefix: "refs/fsctx/branches/\(runID)/").map(\.target)
        var highest = 0
        for tip in tips {
            for entry in try repository.listTree(tip, path: ".fsctx/runs/\(runID)/steps") ?? [] {
                if let number = Int(entry.name.prefix { $0.isNumber }) { highest = max(highest, number) }
            }
        }
        let base = try findBase(repository: repository, head: head, runID: runID)
        return try RunRecorder(repository: repository, runID: runID, base: base, head: head, nextStep: highest + 1, durability: durability)
    }

    /// The commit a branch points at now (the base commit for a main branch with no commits yet).
    public func head(_ branch: RunBranch) throws -> GitOID {
        if let head = heads[branch] { return head }
        if let head = try repository.resolveReference(branch.reference) {
            heads[branch] = head
            stored[branch] = .some(head)
            return head
        }
        guard branch == main else { throw ShellError(.recorder, "no branch \(branch.reference) in run \(runID)") }
        return base
    }

    /// Hands out the next step number of the run (unique across all its branches).
    public func takeStepNumber() -> Int {
        defer { nextStep += 1 }
        return nextStep
    }

    /// Writes one commit on `branch`: `files` (paths relative to `.fsctx/runs/<id>/`) on top of
    /// the branch head's tree, a message line plus `trailers` (sorted by key), and the branch
    /// head plus `extraParents` as parents. When an extra parent is the head of a side branch of
    /// this run, the files written on that branch since it forked are carried into the tree, so
    /// a merge commit holds both sides. The ref moves only after the commit is written.
    @discardableResult
    public func commit(
        on branch: RunBranch, files: [String: [UInt8]], message: String,
        trailers: [String: String] = [:], extraParents: [GitOID] = []
    ) throws -> GitOID {
        do {
            let parent = try head(branch)
            let parentTree = try tree(of: parent)
            var updates: [String: GitTreeUpdate] = [:]
            var written: [String: GitOID] = [:]
            for extra in extraParents {
                if let merged = branchOfHead[extra], let paths = writtenSinceFork[merged] {
                    for (path, oid) in paths { written[path] = oid }
                }
            }
            let store = buffer.repository
            for (path, bytes) in files {
                try Self.validate(path: path)
                written["\(runFolder)/\(path)"] = try store.writeBlob(bytes)
            }
            for (path, oid) in written { updates[path] = .blob(oid) }
            let newTree = try store.writeTree(updating: parentTree, with: updates)
            let commit = try store.writeCommit(
                tree: newTree, parents: [parent] + extraParents, message: Self.message(message, trailers))
            var folders: Set<String> = []
            for path in written.keys {
                var parts = path.split(separator: "/").dropLast()
                while !parts.isEmpty { folders.insert(parts.joined(separator: "/")); parts.removeLast() }
            }
            buffer.track(Array(written.values) + [commit])
            try buffer.trackTrees(root: newTree, folders: folders)
            if stored[branch] == nil { stored[branch] = .some(heads[branch] == nil && branch == main ? nil : parent) }
            heads[branch] = commit
            trees[commit] = newTree
            if let old = branchOfHead.first(where: { $0.value == branch })?.key { branchOfHead[old] = nil }
            branchOfHead[commit] = branch
            if branch != main { writtenSinceFork[branch, default: [:]].merge(written) { $1 } }
            unflushedCommits += 1
            try flushIfDue()
            return commit
        } catch let error as ShellError {
            throw error
        } catch {
            throw ShellError(.recorder, "cannot record on \(branch.reference)", underlying: error)
        }
    }

    /// Creates a side branch `refs/fsctx/branches/<id>/<name>` at `commit` (a sub-call or an
    /// SRLM candidate). Fails when the name is taken.
    public func branch(from commit: GitOID, name: String) throws -> RunBranch {
        try Self.validate(runID: name)
        let branch = RunBranch.side(runID: runID, name: name)
        guard heads[branch] == nil, (try? repository.resolveReference(branch.reference)) == nil else {
            throw ShellError(.recorder, "branch \(name) already exists in run \(runID); pick another name")
        }
        heads[branch] = commit
        stored[branch] = .some(nil)
        unflushedCommits += 1
        try flushIfDue()
        writtenSinceFork[branch] = [:]
        return branch
    }

    /// Writes every buffered object to disk as one pack, then moves each reference whose head
    /// changed (compare-and-swap against what it held on disk). Cheap when nothing is pending.
    public func flush() throws {
        let dirty = heads.filter { branch, head in stored[branch] != .some(head) }
        guard !dirty.isEmpty || buffer.pendingWrites > 0 else { return }
        do {
            try buffer.flush()
            for (branch, head) in dirty.sorted(by: { $0.key.reference < $1.key.reference }) {
                let expected = stored[branch] ?? nil
                try repository.updateReference(branch.reference, to: head, expected: .some(expected), logMessage: "fsctx: record")
                stored[branch] = .some(head)
            }
        } catch let error as ShellError {
            throw error
        } catch {
            throw ShellError(.recorder, "cannot write run \(runID) to disk", underlying: error)
        }
        unflushedCommits = 0
    }

    func flushIfDue() throws {
        switch durability {
        case .eachCommit:
            try flush()
        case .batched(let maxCommits, let maxDelay):
            if unflushedCommits >= maxCommits {
                try flush()
            } else if !flushScheduled {
                flushScheduled = true
                // Holds the recorder until the flush, so buffered steps reach disk even when the
                // caller has already let go of it.
                Task {
                    try? await Task.sleep(nanoseconds: UInt64(maxDelay * 1e9))
                    self.scheduledFlush()
                }
            }
        }
    }

    func scheduledFlush() {
        flushScheduled = false
        do { try flush() } catch { FileHandle.standardError.write(Data("fsctx: flush failed: \(error)\n".utf8)) }
    }

    /// A merge commit on `branch` joining the heads of `branches` (their files come along),
    /// plus `files` such as `selection.json`.
    @discardableResult
    public func merge(
        _ branches: [RunBranch], into branch: RunBranch, files: [String: [UInt8]] = [:],
        message: String, trailers: [String: String] = [:]
    ) throws -> GitOID {
        let tips = try branches.map { try head($0) }
        for (tip, side) in zip(tips, branches) { branchOfHead[tip] = side }
        return try commit(on: branch, files: files, message: message, trailers: trailers, extraParents: tips)
    }
}
