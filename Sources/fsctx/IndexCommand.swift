import ArgumentParser
import Foundation
import Shell

/// `fsctx index`: builds a corpus's packed image and trigram index now. Wiring only.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build the trigram index that lets recursive grep and rg read only candidate files.",
        discussion: """
            Writes <git-dir>/fsctx/images/<commit>.img (the packed corpus image) and <commit>.tri \
            (for every trigram, the files that hold it) for the checked-out corpus commit, unless \
            they exist. Without this, the first recursive grep that can use an index builds it when \
            the corpus has at least 64 MB. The build runs on every core with bounded memory; a \
            killed build leaves nothing that a search would use.
            """)

    @Argument(help: "The corpus work tree (a corpus repository).")
    var repo: String

    @Flag(name: .long, help: "Print {files, contentBytes, indexBytes, trigrams, seconds, ...} as JSON.")
    var json = false

    func run() throws {
        let summary = try Self.build(repo)
        if json {
            print(JSONOutput.text(summary.report))
        } else {
            print(summary.report.line)
        }
    }

    /// Builds the index of the corpus at `repo`, or exits with one line saying what was wrong.
    static func build(_ repo: String) throws -> (summary: SearchIndexSummary, report: Report) {
        let root = URL(fileURLWithPath: repo)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path, isDirectory: &isFolder) else {
            throw ValidationError("index: \(repo) is not a corpus work tree (no .git); materialize one first, with a checkout")
        }
        let started = Date()
        let session = try ShellSession(corpusRoot: root)
        guard let summary = session.buildSearchIndex() else {
            throw ValidationError("index: could not build the index of \(repo) (is HEAD a commit, and <git-dir>/fsctx writable?)")
        }
        return (summary, Report(summary, seconds: Date().timeIntervalSince(started)))
    }

    /// What `fsctx index` prints.
    struct Report: Encodable {
        let files: Int
        let contentBytes: Int
        let indexBytes: Int
        let trigrams: Int
        let indexPath: String
        let seconds: Double

        init(_ summary: SearchIndexSummary, seconds: Double) {
            (files, contentBytes, indexBytes, trigrams, indexPath) =
                (summary.files, summary.contentBytes, summary.indexBytes, summary.trigrams, summary.indexPath)
            self.seconds = (seconds * 1000).rounded() / 1000
        }

        var line: String {
            let percent = contentBytes > 0 ? Double(indexBytes) * 100 / Double(contentBytes) : 0
            return String(format: "indexed %d files (%.1f MB): %.1f MB index (%.1f%% of the content), %d trigrams, %.1f s → %@",
                          files, Double(contentBytes) / 1e6, Double(indexBytes) / 1e6, percent, trigrams, seconds, indexPath)
        }
    }
}
