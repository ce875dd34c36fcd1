import FSContext
import SharedValues
import Foundation

/// Reads the agent sessions that Entire keeps on a repository's `entire/checkpoints/v1`
/// branch: `<id[0:2]>/<id[2:]>/<n>/full.jsonl` (the transcript; `transcript.jsonl` in some
/// versions) beside `metadata.json`, one folder per session of a checkpoint.
public enum EntireCheckpoints {
    /// The branch Entire writes.
    public static let branch = "entire/checkpoints/v1"

    /// One transcript found on the branch.
    public struct Transcript: Sendable {
        /// The checkpoint id (12 hex digits).
        public var checkpointID: String
        /// The session's folder number within the checkpoint.
        public var session: Int
        /// The path on the branch.
        public var path: String
        /// The transcript text.
        public var text: String
    }

    /// Every transcript on the branch, by checkpoint id and session number.
    public static func transcripts(in repositoryURL: URL) throws -> [Transcript] {
        guard GitRepository.exists(at: repositoryURL) else { throw AuditError(.badInput, "\(repositoryURL.path) is not a git repository") }
        let repository = try GitRepository.open(at: repositoryURL)
        let tip = try ["refs/heads/\(branch)", "refs/remotes/origin/\(branch)"].lazy.compactMap { try repository.resolveReference($0) }.first
        guard let tip else {
            throw AuditError(.badInput, "\(repositoryURL.path) has no \(branch) branch; fetch it with `git fetch origin \(branch):\(branch)`")
        }
        var found: [Transcript] = []
        for shard in try repository.listTree(tip) ?? [] where shard.kind == .tree && shard.name.count == 2 {
            for checkpoint in try repository.listTree(tip, path: shard.name) ?? [] where checkpoint.kind == .tree {
                let folder = "\(shard.name)/\(checkpoint.name)"
                for entry in try repository.listTree(tip, path: folder) ?? [] where entry.kind == .tree {
                    guard let number = Int(entry.name) else { continue }
                    for name in ["full.jsonl", "transcript.jsonl"] {
                        let path = "\(folder)/\(entry.name)/\(name)"
                        if let bytes = try repository.readBlob(commit: tip, path: path) {
                            found.append(Transcript(checkpointID: shard.name + checkpoint.name, session: number, path: path,
                                                    text: String(decoding: bytes, as: UTF8.self)))
                            break
                        }
                    }
                }
                // Checkpoints written before session folders keep one transcript at the top.
                if let bytes = try repository.readBlob(commit: tip, path: "\(folder)/full.jsonl") {
                    found.append(Transcript(checkpointID: shard.name + checkpoint.name, session: 0, path: "\(folder)/full.jsonl",
                                            text: String(decoding: bytes, as: UTF8.self)))
                }
            }
        }
        return found.sorted { ($0.checkpointID, $0.session) < ($1.checkpointID, $1.session) }
    }

    /// Imports every transcript on the branch of `repositoryURL` as a run of `targetURL`
    /// (`entire-<checkpoint>-<session>`); transcripts of formats the importer does not read
    /// are reported as errors, never skipped silently.
    public static func importSessions(from repositoryURL: URL, into targetURL: URL, options: ImportOptions = ImportOptions()) async throws -> [ImportReport] {
        var reports: [ImportReport] = []
        for transcript in try transcripts(in: repositoryURL) {
            let source = "\(branch):\(transcript.path)"
            guard let format = options.format ?? LogFormat.detect(transcript.text) else {
                throw AuditError(.unknownFormat, "cannot tell the format of \(source) in \(repositoryURL.path); pass --format to name it")
            }
            let session = try format.read(transcript.text, sources: [source])
            var own = options
            own.runID = "entire-\(transcript.checkpointID)-\(transcript.session)"
            reports.append(try await RunImporter.record(session, into: targetURL, options: own))
        }
        return reports
    }
}
