import FSContext
import Foundation
@testable import Shell

/// A small corpus repository in a temporary folder: files on disk plus the same tree committed
/// on `refs/heads/corpus` with GitRepository.
final class CorpusFixture: @unchecked Sendable {
    let directory = TemporaryDirectory("fsctx-shell")
    var root: URL { directory.url.appendingPathComponent("corpus", isDirectory: true) }
    var outside: URL { directory.url.appendingPathComponent("outside", isDirectory: true) }
    let repository: GitRepository
    let commit: GitOID

    init(_ files: [String: String] = CorpusFixture.standardFiles) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory.url.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try manager.createDirectory(at: directory.url.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try "root:x:0:0:SECRET\n".write(to: directory.url.appendingPathComponent("outside/passwd"), atomically: true, encoding: .utf8)
        repository = try GitRepository.create(at: directory.url.appendingPathComponent("corpus"))
        var updates: [String: GitTreeUpdate] = [:]
        for (path, text) in files {
            let url = directory.url.appendingPathComponent("corpus/\(path)")
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            updates[path] = .blob(try repository.writeBlob(text: text))
        }
        let tree = try repository.writeTree(updating: nil, with: updates)
        commit = try repository.writeCommit(tree: tree, parents: [], message: "corpus\n")
        try repository.updateReference("refs/heads/corpus", to: commit, logMessage: "corpus")
        try repository.setHead("refs/heads/corpus")
    }

    static let standardFiles: [String: String] = [
        "INDEX.md": "# Test corpus\n\nTwo documents.\n",
        ".fsctx/manifest.jsonl": "{\"path\":\"docs/0001-alpha.txt\"}\n",
        "docs/0001-alpha.txt": "The magic word is xyzzy.\nA second line.\nmagic again, MAGIC loud\n",
        "docs/0002-beta.txt": "nothing here\nstill nothing\nthe end\n",
        "docs/sub/0003-gamma.md": "gamma magic\n",
    ]

    func session(limits: ShellLimits = ShellLimits(), subcalls: (any SubCallHandler)? = nil, recorder: RunRecorder? = nil) throws -> ShellSession {
        try ShellSession(corpusRoot: root, scratchDirectory: directory.url.appendingPathComponent("scratch"),
                         limits: limits, subcalls: subcalls, recorder: recorder)
    }

    /// Runs one program in a fresh session.
    func run(_ program: String, limits: ShellLimits = ShellLimits()) async throws -> ShellResult {
        try await session(limits: limits).run(program)
    }
}
