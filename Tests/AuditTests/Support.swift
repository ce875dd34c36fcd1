@_exported import TestSupport
import FSContext
import SharedValues
import Foundation

/// A fixture file shipped with the tests.
func fixture(_ path: String) -> URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(path)
}

/// A small corpus repository whose work tree sits where the fixtures' agents ran
/// (`docs/0001.txt` … `docs/0012.txt`, the needle on line 12 of `docs/0003.txt`).
struct CorpusFixture {
    let directory: TemporaryDirectory
    let repository: GitRepository
    let commit: GitOID
    var url: URL { directory.url }

    init() throws {
        directory = TemporaryDirectory("fsctx-audit")
        repository = try GitRepository.create(at: directory.url)
        var updates: [String: GitTreeUpdate] = [:]
        for document in 1...12 {
            var lines = (1...40).map { "Line \($0): The grass is green." }
            if document == 3 { lines[11] = "the magic number is 4417" }
            let text = lines.joined(separator: "\n") + "\n"
            let path = String(format: "docs/%04d.txt", document)
            let file = directory.url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            updates[path] = .blob(try repository.writeBlob(text: text))
        }
        let tree = try repository.writeTree(updating: nil, with: updates)
        commit = try repository.writeCommit(tree: tree, parents: [], message: "corpus\n")
        try repository.updateReference("refs/heads/corpus", to: commit, logMessage: "corpus")
        try repository.setHead("refs/heads/corpus")
    }
}
