import FSContext
import Foundation
import Recursion
import Shell

/// Writes the `run.json`, `answer.json` and other files of MCP and launch runs, in the
/// formats of the Recursion layer (`RunConfiguration`, `RunOutcome`), so `fsctx log` and
/// `fsctx show` list these runs next to the strategies' runs.
enum RunRecordWriter {
    /// Pretty JSON with sorted keys and a final newline, as run records are written.
    static func json(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(((try? encoder.encode(value)) ?? Data("null".utf8))) + [UInt8(ascii: "\n")]
    }

    /// Commits `files` (paths under `.fsctx/runs/<id>/`) on the run's main ref through
    /// `recorder` and flushes it, so the commit is on disk and the ref moved when this returns.
    static func commit(
        _ files: [String: [UInt8]], with recorder: RunRecorder, message: String, trailers: [String: String]
    ) async throws {
        do {
            try await recorder.commit(on: recorder.main, files: files, message: message, trailers: trailers)
            try await recorder.flush()
        } catch {
            throw MCPServerError(.recording, "cannot record \(files.keys.sorted().joined(separator: ", ")) in run \(recorder.runID)", underlying: error)
        }
    }

    /// Appends `files` to an existing run from a fresh view of its ref, retrying when another
    /// process (an MCP server the agent left running) moved the ref in between.
    static func append(
        _ files: [String: [UInt8]], to runID: String, in repository: GitRepository, message: String,
        trailers: [String: String]
    ) async throws {
        var lastError: Error?
        for attempt in 0..<5 {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(100 * attempt)) }
            do {
                let recorder = try RunRecorder.open(repository: repository, runID: runID)
                try await commit(files, with: recorder, message: message, trailers: trailers)
                return
            } catch {
                lastError = error
            }
        }
        throw lastError.map { $0 as? MCPServerError ?? MCPServerError(.recording, "\($0)") }
            ?? MCPServerError(.recording, "cannot record in run \(runID)")
    }

    /// How many steps the run's main ref holds now.
    static func stepCount(repository: GitRepository, runID: String) -> Int {
        guard let head = try? repository.resolveReference(RunID.ref(runID)),
              let entries = try? repository.listTree(head, path: ".fsctx/runs/\(runID)/steps") else { return 0 }
        return entries.count
    }

    /// One line of at most 72 characters.
    static func abbreviate(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return flat.count <= 72 ? flat : String(flat.prefix(71)) + "…"
    }
}
