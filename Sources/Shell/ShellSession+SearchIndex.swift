import Foundation

/// What `ShellSession.buildSearchIndex()` made: the corpus image and its trigram index.
public struct SearchIndexSummary: Sendable, Equatable {
    /// Files in the image.
    public let files: Int
    /// Bytes of file content in the image.
    public let contentBytes: Int
    /// The image file and the index file (under `<git-dir>/fsctx/images/`).
    public let imagePath: String
    public let indexPath: String
    /// The index file's size in bytes and how many distinct trigrams it lists.
    public let indexBytes: Int
    public let trigrams: Int
}

extension ShellSession {
    /// Builds (or finds) the packed corpus image and its trigram index now, so the first
    /// recursive grep need not; nil when the corpus is not a git work tree or nothing could be
    /// written. Safe to run while other processes search or build (each writes a private
    /// temporary file and renames it into place).
    public nonisolated func buildSearchIndex() -> SearchIndexSummary? {
        let execution = Execution(session: self, variables: [:], lastStatus: 0)
        guard let image = CorpusImage.forCorpus(root: sandbox.root, minimumFiles: 0, walk: { start, add in
            _ = execution.walk(start, omitDotPrefix: true) { virtual, real, kind, _ in
                if kind == .file { add(virtual, real) }
                return true
            }
        }) else { return nil }
        let file = TrigramIndex.file(forImage: image.file)
        guard let index = TrigramIndex.forImage(image, file: file, build: true) else { return nil }
        return SearchIndexSummary(files: image.entries.count, contentBytes: image.entries.reduce(0) { $0 + $1.length },
                                  imagePath: image.file.path, indexPath: file.path, indexBytes: index.size, trigrams: index.trigramCount)
    }
}
