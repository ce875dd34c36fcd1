import Foundation

/// Turns inputs (text files, JSONL documents, a directory, stdin) into a corpus repository: a
/// git repository whose branch `corpus` holds the files, `INDEX.md` and `.fsctx/`, written
/// straight into the object database as packs, with a read-only checked-out work tree.
///
/// A plain blocking library call: `try Materializer(options).run(into: url)`. It uses up to all
/// cores for hashing and deflating, and memory bounded by one batch of input plus one line.
public struct Materializer: Sendable {
    /// The branch that holds the corpus.
    public static let branch = "refs/heads/corpus"

    /// What to read and how.
    public let options: MaterializeOptions

    /// Creates a materializer.
    public init(_ options: MaterializeOptions) {
        self.options = options
    }

    /// Materializes into `target` (created, or reused when it is already a corpus repository)
    /// and returns the new commit. On failure nothing is left half-written: no ref moves, the
    /// packs written so far are removed, and a target this call created is removed again.
    public func run(into target: URL) throws -> MaterializeResult {
        let started = Date()
        let prepared = try CorpusTarget.prepare(target)
        let session = MaterializeSession(options: options, target: prepared)
        do {
            let result = try session.run(started: started)
            return result
        } catch {
            if !session.committed {
                session.abort()
                prepared.discardIfCreated()
            }
            throw error
        }
    }
}
