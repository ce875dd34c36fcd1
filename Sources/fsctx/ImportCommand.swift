import ArgumentParser
import Audit
import Foundation

/// `fsctx import`: other agents' logs become runs of a repository.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import other agents' logs (Claude Code, Codex, rlm, SWE-agent, OpenAI chat) as runs.",
        discussion: """
        Each session becomes a run (refs/fsctx/runs/<id>) with one commit per model turn and tool call, \
        sub-agents as merged branches, so `fsctx log`, `show`, `compare` and `git log --graph` read it. \
        The format is detected. A Claude Code session takes its agent-*.jsonl files along. \
        --entire <repo> imports the sessions kept on Entire's entire/checkpoints/v1 branch.
        """)

    @Argument(help: "Log files (JSONL or JSON).")
    var logs: [String] = []

    @Option(name: .long, help: "The repository to record into (a corpus repository, or any git repository; created when missing).")
    var into: String

    @Option(name: .long, help: "Read the logs as this format instead of detecting it: \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String?

    @Option(name: .long, help: "The run id (one session only).")
    var run: String?

    @Option(name: .long, help: "The question to record when the log has none (codex exec --json).")
    var question: String?

    @Option(name: .long, help: "Import the sessions on the entire/checkpoints/v1 branch of this git repository.")
    var entire: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        do {
            var kind: LogFormat?
            if let format {
                guard let parsed = LogFormat(rawValue: format) else {
                    throw ValidationError("unknown --format '\(format)': use one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kind = parsed
            }
            guard !logs.isEmpty || entire != nil else { throw ValidationError("nothing to import: pass log files or --entire <repo>") }
            let options = ImportOptions(runID: run, format: kind, question: question)
            let target = URL(fileURLWithPath: into)
            var reports = try await RunImporter.importLogs(logs.map { URL(fileURLWithPath: $0) }, into: target, options: options)
            if let entire {
                reports += try await EntireCheckpoints.importSessions(from: URL(fileURLWithPath: entire), into: target, options: options)
            }
            if json {
                print(JSONOutput.text(reports))
                return
            }
            for report in reports {
                var line = "\(report.runID): \(report.format.rawValue), \(report.steps) steps, \(report.agents) agent\(report.agents == 1 ? "" : "s")"
                if report.stepsOnCorpusFiles > 0 { line += ", \(report.stepsOnCorpusFiles) on corpus files" }
                if report.unread.count > 0 {
                    line += "; \(report.unread.count) line\(report.unread.count == 1 ? "" : "s") not understood (first: line \(report.unread.firstLine ?? 0))"
                }
                print(line)
            }
        } catch let error as AuditError {
            throw ValidationError(error.message)
        }
    }
}
