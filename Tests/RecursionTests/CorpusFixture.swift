import FSContext
import Foundation

/// A small corpus repository built by hand (files on disk + a `corpus` commit), so the
/// Recursion tests do not depend on how `fsctx materialize` lays corpora out.
struct CorpusFixture {
    let directory: TemporaryDirectory
    let repository: GitRepository
    let commit: GitOID
    var url: URL { directory.url }

    /// Noise documents with `needles` planted at the given document indexes.
    init(documents: Int = 12, linesPerDocument: Int = 40, needles: [Int: String] = [:]) throws {
        directory = TemporaryDirectory("fsctx-recursion")
        repository = try GitRepository.create(at: directory.url)
        var files: [String: String] = [:]
        let noise = ["The grass is green.", "The sky is blue.", "The sun is yellow.", "Here we go.", "There and back again."]
        for document in 0..<documents {
            var lines: [String] = []
            for line in 0..<linesPerDocument {
                lines.append("\(noise[(document + line) % noise.count]) \(noise[(document * 3 + line) % noise.count])")
            }
            if let needle = needles[document] { lines.insert(needle, at: linesPerDocument / 2) }
            files[String(format: "docs/%04d.txt", document + 1)] = lines.joined(separator: "\n") + "\n"
        }
        files["INDEX.md"] = "# Corpus\n\n\(documents) documents of noise under docs/, one per file.\n"
        var updates: [String: GitTreeUpdate] = [:]
        for (path, text) in files {
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
