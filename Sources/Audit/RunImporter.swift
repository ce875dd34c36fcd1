import FSContext
import SharedValues
import Foundation
import Recursion
import Shell

/// Imports other agents' logs as fsctx runs: the library entry point behind `fsctx import`.
///
/// ```swift
/// let session = try RunImporter.read(files: [logURL])             // detect and parse
/// let report = try await RunImporter.record(session, into: repoURL) // a new run
/// // or, for a run that already exists (fsctx launch):
/// try await RunImporter.append(session, toRun: id, in: repoURL, options: ImportOptions(outside: true))
/// ```
public enum RunImporter {
    /// Reads one session from `files` (one log, or a Claude Code session with its
    /// `agent-*.jsonl` sub-agent files), detecting the format unless `format` is given.
    public static func read(files: [URL], format: LogFormat? = nil) throws -> ImportedSession {
        guard let first = files.first else { throw AuditError(.badInput, "no log file given") }
        var texts: [String] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw AuditError(.badInput, "cannot read \(file.path): no such file or not readable")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw AuditError(.badInput, "\(file.path) is not UTF-8 text; pass a JSON or JSONL log")
            }
            texts.append(text)
        }
        guard let kind = format ?? LogFormat.detect(texts[0]) else {
            throw AuditError(.unknownFormat, "cannot tell the format of \(first.path): not a Claude Code, Codex, rlm, SWE-agent, "
                             + "mini-swe-agent or OpenAI chat log; pass --format to name it")
        }
        let sources = files.map(\.path)
        if kind == .claudeCode { return ClaudeCodeReader(sources: sources).read(texts) }
        guard files.count == 1 else { throw AuditError(.badInput, "only Claude Code sessions are read from several files at once") }
        return try kind.read(texts[0], sources: sources)
    }

    /// Groups log files into sessions: a Claude Code session file takes the `agent-*.jsonl`
    /// files of the same session (given, or found beside it and in `<session>/subagents/`).
    public static func sessions(of files: [URL]) -> [[URL]] {
        var groups: [[URL]] = []
        var claimed: Set<String> = []
        let agentFiles = files.filter { $0.lastPathComponent.hasPrefix("agent-") }
        for file in files where !claimed.contains(file.path) {
            guard !file.lastPathComponent.hasPrefix("agent-") || agentFiles.count == files.count else { continue }
            var group = [file]
            claimed.insert(file.path)
            if let session = claudeSessionID(file) {
                var candidates = agentFiles
                let folder = file.deletingLastPathComponent()
                let siblings = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
                let subagents = (try? FileManager.default.contentsOfDirectory(
                    at: folder.appendingPathComponent(session).appendingPathComponent("subagents"), includingPropertiesForKeys: nil)) ?? []
                candidates += (siblings + subagents).filter { $0.lastPathComponent.hasPrefix("agent-") && $0.pathExtension == "jsonl" }
                for candidate in candidates where !claimed.contains(candidate.path) && claudeSessionID(candidate) == session {
                    group.append(candidate)
                    claimed.insert(candidate.path)
                }
            }
            groups.append(group)
        }
        for file in agentFiles where !claimed.contains(file.path) { groups.append([file]) }
        return groups
    }

    /// The `sessionId` of a Claude Code log's first record that has one.
    static func claudeSessionID(_ file: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 256 * 1024), as: UTF8.self)
        for line in head.split(separator: "\n").prefix(50) {
            if let id = JSONValue(parsing: String(line))?["sessionId"]?.stringValue { return id }
        }
        return nil
    }

    /// Reads and records every session in `files` into the repository at `repositoryURL`
    /// (created when missing). One run per session.
    public static func importLogs(_ files: [URL], into repositoryURL: URL, options: ImportOptions = ImportOptions()) async throws -> [ImportReport] {
        let groups = sessions(of: files)
        if options.runID != nil, groups.count > 1 {
            throw AuditError(.badInput, "--run names one run, but \(groups.count) sessions were given; import them one at a time or leave out --run")
        }
        let sessions = try groups.map { try read(files: $0, format: options.format) }
        var reports: [ImportReport] = []
        for session in sessions { reports.append(try await record(session, into: repositoryURL, options: options)) }
        return reports
    }

    /// Records `session` as a new run in the repository at `repositoryURL` (created when
    /// missing): `run.json` and `import.json`, one commit per step, sub-agents on branches
    /// merged back, `answer.json` last. When the repository has a corpus, the run starts on
    /// the corpus commit and steps point at the corpus files their calls read.
    public static func record(_ session: ImportedSession, into repositoryURL: URL, options: ImportOptions = ImportOptions()) async throws -> ImportReport {
        let repository = try openOrCreate(repositoryURL)
        let (base, hasCorpus) = try baseCommit(repository)
        let id = options.runID ?? RunID.make(strategy: "import-\(session.format.rawValue)")
        guard RunID.isValid(id) else { throw AuditError(.badInput, "invalid run id '\(id)': use letters, digits, '-', '_' and '.'") }
        let recorder: RunRecorder
        do {
            recorder = try RunRecorder(repository: repository, runID: id, base: base)
        } catch {
            throw AuditError(.badInput, "\(error)")
        }
        let locator = hasCorpus ? CorpusFileLocator(repository: repository, commit: base) : nil
        var writer = ImportWriter(recorder: recorder, session: session, options: options, locator: locator)
        writer.repositoryURL = repositoryURL
        return try await writer.writeRun(base: base)
    }

    /// Appends the steps of `session` to the existing run `runID` (its tool calls marked
    /// `outside` when `options.outside` is set), without touching `run.json` or `answer.json`:
    /// what `fsctx launch` uses to record the commands an agent ran by itself.
    public static func append(_ session: ImportedSession, toRun runID: String, in repositoryURL: URL,
                              options: ImportOptions = ImportOptions(outside: true)) async throws -> ImportReport {
        guard GitRepository.exists(at: repositoryURL) else { throw AuditError(.badInput, "\(repositoryURL.path) is not a git repository") }
        let repository = try GitRepository.open(at: repositoryURL)
        let recorder: RunRecorder
        do {
            recorder = try RunRecorder.open(repository: repository, runID: runID)
        } catch {
            throw AuditError(.badInput, "\(error)")
        }
        let hasCorpus = try repository.resolveReference("refs/heads/corpus") != nil
        let locator = hasCorpus ? CorpusFileLocator(repository: repository, commit: recorder.base) : nil
        let writer = ImportWriter(recorder: recorder, session: session, options: options, locator: locator)
        return try await writer.writeSteps()
    }

    static func openOrCreate(_ url: URL) throws -> GitRepository {
        do {
            if GitRepository.exists(at: url) { return try GitRepository.open(at: url) }
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return try GitRepository.create(at: url)
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError(.badInput, "cannot open or create a repository at \(url.path): \(error)")
        }
    }

    /// The commit runs start on: the corpus commit, else HEAD, else a new empty root commit.
    static func baseCommit(_ repository: GitRepository) throws -> (GitOID, corpus: Bool) {
        if let corpus = try repository.resolveReference("refs/heads/corpus") { return (corpus, true) }
        if let base = try repository.resolveReference("refs/fsctx/import-base") { return (base, false) }
        if let head = try? repository.resolveReference("HEAD") { return (head, false) }
        let tree = try repository.writeTree(updating: nil, with: [:])
        let root = try repository.writeCommit(tree: tree, parents: [], message: "fsctx: base of imported runs\n")
        try repository.updateReference("refs/fsctx/import-base", to: root, logMessage: "fsctx import: base")
        return (root, false)
    }
}
