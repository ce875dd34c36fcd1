import FSContext
import Foundation

/// The corpus a run works on: the repository, the corpus commit and its checked-out work tree.
public struct RunCorpus: Sendable {
    /// The repository (runs are recorded in it too).
    public let repository: GitRepository
    /// The commit on `refs/heads/corpus` the run started on.
    public let commit: GitOID
    /// The read-only work tree the Shell reads.
    public let workTree: URL
    /// Whether `workTree` is a temporary one written for a pinned commit (see `pinned(at:commit:)`).
    public internal(set) var temporaryWorkTree = false

    /// Opens the corpus repository at `url`; a clear error when it is not one.
    public static func open(at url: URL) throws -> RunCorpus {
        guard GitRepository.exists(at: url) else {
            throw RecursionError(.badInput, "\(url.path) is not a corpus repository; create one with `fsctx materialize <input> --into \(url.path)`")
        }
        let repository = try GitRepository.open(at: url)
        guard let commit = try repository.resolveReference("refs/heads/corpus") else {
            throw RecursionError(.badInput, "\(url.path) has no corpus branch; create it with `fsctx materialize <input> --into \(url.path)`")
        }
        guard let workTree = repository.workTree else {
            throw RecursionError(.badInput, "\(url.path) is a bare repository; runs need the checked-out corpus that `fsctx materialize` writes")
        }
        return RunCorpus(repository: repository, commit: commit, workTree: workTree)
    }

    /// The corpus page (`INDEX.md`, or `.fsctx/INDEX.md` when the source has its own root
    /// `INDEX.md`), cut to `limit` bytes with a note, or a fallback listing.
    public func indexSummary(limit: Int = 6_000) -> String {
        let path = CorpusIndexPage.path(in: workTree)
        var text = CorpusIndexPage.text(in: workTree) ?? ""
        guard !text.isEmpty else { return "(this corpus has no INDEX.md; start with `ls` and `tree`)" }
        if path != CorpusIndexPage.rootPath {
            text = "(This page is `\(path)`; the `INDEX.md` at the root is the source's own file.)\n\n" + text
        }
        guard text.utf8.count > limit else { return text }
        let cut = String(decoding: text.utf8.prefix(limit), as: UTF8.self)
        return cut + "\n[\(path) continues: \(text.utf8.count - limit) more bytes; run `cat \(path)` or `read \(path) 1 200` to see it]"
    }

    /// Every corpus file (not `.git`, `.fsctx` or the corpus page), sorted, with its text as a
    /// model gets it (invalid UTF-8 shown as U+FFFD, with a notice line).
    /// Used by strategies that read the corpus directly (`direct`, `rag`, `coa`).
    public func documents() throws -> [(path: String, text: String)] {
        var result: [(String, String)] = []
        let root = workTree.standardizedFileURL.path
        let page = CorpusIndexPage.path(in: workTree)
        guard let enumerator = FileManager.default.enumerator(
            at: workTree, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            var path = url.standardizedFileURL.path
            if path.hasPrefix(root) { path = String(path.dropFirst(root.count)) }
            path = path.hasPrefix("/") ? String(path.dropFirst()) : path
            if path == page { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            result.append((path, ModelText.forModel(data)))
        }
        return result.sorted { $0.0 < $1.0 }
    }
}
