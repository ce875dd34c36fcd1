/// What one `Materializer.run` wrote.
public struct MaterializeResult: Sendable, Codable, Equatable {
    /// The new commit on `refs/heads/corpus`.
    public let commit: GitOID
    /// Its root tree (equal for equal inputs and options).
    public let tree: GitOID
    /// Corpus files written (not counting the corpus page and `.fsctx/`).
    public let files: Int
    /// Bytes in those files.
    public let bytes: Int
    /// Wall time of the run.
    public let seconds: Double
    /// Binary files skipped in directory inputs.
    public let skippedBinary: Int
    /// `.git` folders skipped in directory inputs.
    public let skippedGit: Int
    /// Symbolic links and other non-regular files skipped in directory inputs.
    public let skippedOther: Int
    /// Malformed JSONL lines skipped (with `--on-bad-line skip`).
    public let skippedBadLines: Int
    /// Invalid UTF-8 sequences replaced by U+FFFD (chunks and documents, `--invalid-utf8 replace`).
    public let replacedInvalidUTF8: Int
    /// Mirrored files that hold invalid UTF-8, kept byte for byte.
    public let filesWithInvalidUTF8: Int
    /// The corpus page's path: `INDEX.md`, or `.fsctx/INDEX.md` when the source has its own root `INDEX.md`.
    public let indexPage: String
    /// One line per warning (e.g. the first skipped bad lines), for the user.
    public let warnings: [String]
}
