import FSContext
import SharedValues
import Foundation
import Models
import Recursion
import Shell

/// Writes one imported session through a `RunRecorder`, with the step records and trailers
/// of fsctx's own runs (DESIGN §4): model turns as `model` steps, tool calls as `program`
/// steps, sub-agents as branches merged back, and notes (compactions, summaries, interrupts)
/// as `note` steps.
struct ImportWriter {
    let recorder: RunRecorder
    let session: ImportedSession
    let options: ImportOptions
    let locator: CorpusFileLocator?
    /// The repository's location, for grounding the answer in the corpus.
    var repositoryURL: URL?

    final class Tally: @unchecked Sendable {
        var steps = 0, agents = 1, onCorpus = 0, depth = 0
        var usage = ImportedUsage()
        var turnsWithUsage = 0
    }

    var cwd: String? { session.metadata["cwd"]?.stringValue }
    var formatName: String { session.format.rawValue }

    func writeRun(base: GitOID) async throws -> ImportReport {
        let question = session.question.isEmpty ? (options.question ?? "(the log has no prompt)") : session.question
        let configuration = RunConfiguration(
            id: recorder.runID, strategy: "import", model: session.model ?? formatName, question: question, corpusCommit: base,
            budget: RunBudget(), options: StrategyOptions(), startedAt: session.startedAt ?? Date().timeIntervalSince1970)
        var importRecord: [String: JSONValue] = [
            "format": .string(formatName), "sources": .array(session.sources.map { .string($0) }),
            "unread": encode(session.unread), "ending": .string(session.ending.rawValue), "metadata": .object(session.metadata),
        ]
        if let id = session.sessionID { importRecord["session_id"] = .string(id) }
        try await commit(["run.json": bytes(encode(configuration)), "import.json": bytes(.object(importRecord))],
                         message: "run \(recorder.runID): import of a \(formatName) log: \(question)",
                         trailers: ["Fsctx-Kind": "run", "Fsctx-Strategy": "import", "Fsctx-Model": session.model ?? formatName,
                                    "Fsctx-Imported": formatName])
        let tally = Tally()
        try await write(session.root, path: "root", branch: recorder.main, depth: 0, tally: tally)
        var usage = tally.turnsWithUsage > 0 ? tally.usage : session.usage
        if usage.costUSD == nil { usage.costUSD = session.usage.costUSD }
        let stop: StopReason = switch session.ending {
        case .answered: .answered
        case .interrupted: .interrupted
        case .error: .modelError
        case .noAnswer: .noAnswer
        }
        var outcome = RunOutcome(
            runID: recorder.runID, answer: session.answer, stopReason: stop,
            usage: TokenUsage(promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, costUSD: usage.costUSD, calls: usage.calls),
            steps: tally.steps, depth: tally.depth, seconds: max(0, (session.endedAt ?? 0) - (session.startedAt ?? 0)))
        var answerTrailers = ["Fsctx-Kind": "answer", "Fsctx-Stop": stop.rawValue, "Fsctx-Tokens": "\(usage.promptTokens + usage.completionTokens)",
                              "Fsctx-Cost": outcome.usage.costDescription, "Fsctx-Imported": formatName]
        if locator != nil, let url = repositoryURL, let evidence = try await groundedAnswer(url) {
            outcome.evidence = evidence
            outcome.grounded = !evidence.isEmpty
            answerTrailers["Fsctx-Grounded"] = evidence.isEmpty ? "false" : "true"
        }
        try await commit(["answer.json": bytes(encode(outcome))],
                         message: "answer \(recorder.runID) (\(stop.rawValue)): \(ToolProgram.oneLine(session.answer ?? "no answer"))",
                         trailers: answerTrailers)
        try await flush()
        return report(tally)
    }

    /// The evidence for the session's answer in what its agents read, from the steps on disk.
    private func groundedAnswer(_ url: URL) async throws -> [AnswerEvidence]? {
        try await flush()
        guard let steps = try? RunCatalog(repositoryAt: url).steps(recorder.runID),
              let corpus = try? CorpusRepository.open(at: url) else { return nil }
        return AnswerGrounding.evidence(answer: session.answer, steps: steps, corpus: corpus)
    }

    func writeSteps() async throws -> ImportReport {
        let tally = Tally()
        try await write(session.root, path: "root", branch: recorder.main, depth: 0, tally: tally)
        try await flush()
        return report(tally)
    }

    func report(_ tally: Tally) -> ImportReport {
        ImportReport(runID: recorder.runID, format: session.format, sources: session.sources, steps: tally.steps, agents: tally.agents,
                     stepsOnCorpusFiles: tally.onCorpus, unread: session.unread)
    }

    private func write(_ agent: ImportedAgent, path: String, branch: RunBranch, depth: Int, tally: Tally) async throws {
        tally.depth = max(tally.depth, depth)
        var turn = 0
        for event in agent.events {
            switch event {
            case .turn(let imported):
                turn += 1
                try await writeTurn(imported, number: turn, agent: path, depth: depth, branch: branch, tally: tally)
            case .tool(let call):
                if options.skipTools(call.call.name) { continue }
                try await writeTool(call, agent: path, depth: depth, branch: branch, tally: tally)
            case .note(let note):
                try await writeNote(note, agent: path, branch: branch, tally: tally)
            case .subAgent(let child, let callID):
                tally.agents += 1
                let childPath = "\(path)/\(child.name)"
                let name = String(childPath.dropFirst("root/".count)).replacingOccurrences(of: "/", with: ".")
                let side: RunBranch
                do {
                    side = try await recorder.branch(from: recorder.head(branch), name: name)
                } catch {
                    throw AuditError(.recording, "cannot branch for sub-agent \(childPath): \(error)")
                }
                try await write(child, path: childPath, branch: side, depth: depth + 1, tally: tally)
                do {
                    var trailers = ["Fsctx-Kind": "merge", "Fsctx-Agent": path, "Fsctx-Imported": formatName]
                    if let callID { trailers["Fsctx-Call"] = callID }
                    try await recorder.merge([side], into: branch, message: "merge \(childPath) into \(path)", trailers: trailers)
                } catch {
                    throw AuditError(.recording, "cannot merge sub-agent \(childPath): \(error)")
                }
            }
        }
    }

    private func writeTurn(_ turn: ImportedTurn, number: Int, agent: String, depth: Int, branch: RunBranch, tally: Tally) async throws {
        let step = await recorder.takeStepNumber()
        tally.steps += 1
        let usage = turn.usage ?? ImportedUsage()
        if let used = turn.usage { tally.usage += used; tally.turnsWithUsage += 1 }
        let calls = turn.toolCalls.map { ToolCall(id: $0.id, name: $0.name, argumentsText: $0.input.jsonText) }
        let finish: FinishReason = !calls.isEmpty ? .toolCalls : turn.stopReason == "max_tokens" || turn.stopReason == "length" ? .length : .stop
        let response = ModelResponse(
            text: turn.text, toolCalls: calls,
            usage: TokenUsage(promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, costUSD: usage.costUSD,
                              calls: turn.usage == nil ? 0 : 1),
            finishReason: finish, latencySeconds: 0, model: turn.model ?? session.model ?? formatName)
        var record: [String: JSONValue] = [
            "step": .number(Double(step)), "kind": "model", "agent": .string(agent), "depth": .number(Double(depth)),
            "turn": .number(Double(number)), "response": encode(response), "imported": imported(line: turn.line),
        ]
        if let thinking = turn.thinking { record["thinking"] = .string(thinking) }
        if let time = turn.time { record["started_at"] = .number(time) }
        if let id = turn.messageID { record["message_id"] = .string(id) }
        if let reason = turn.stopReason { record["stop_reason"] = .string(reason) }
        if usage.cachedTokens > 0 { record["cached_tokens"] = .number(Double(usage.cachedTokens)) }
        var trailers = ["Fsctx-Step": "\(step)", "Fsctx-Kind": "model", "Fsctx-Agent": agent,
                        "Fsctx-Tokens-Prompt": "\(usage.promptTokens)", "Fsctx-Tokens-Completion": "\(usage.completionTokens)",
                        "Fsctx-Imported": formatName]
        if let model = turn.model { trailers["Fsctx-Model"] = model }
        let action = turn.toolCalls.first.map { ToolProgram.render($0) } ?? turn.text
        try await commit([String(format: "steps/%04d.json", step): bytes(.object(record))],
                         message: "step \(step) model \(agent) turn \(number): \(ToolProgram.oneLine(action))",
                         trailers: trailers, on: branch)
    }

    private func writeTool(_ call: ImportedToolCall, agent: String, depth: Int, branch: RunBranch, tally: Tally) async throws {
        let step = await recorder.takeStepNumber()
        tally.steps += 1
        let program = ToolProgram.render(call.call)
        let tools = ToolProgram.tools(call.call)
        let output = call.output ?? ""
        let exit = call.output == nil ? -1 : call.exitStatus ?? (call.isError ? 1 : 0)
        let outside = call.outside || options.outside
        var record: [String: JSONValue] = [
            "step": .number(Double(step)), "kind": "program", "agent": .string(agent), "depth": .number(Double(depth)),
            "program": .string(program), "output": .string(output), "exit_status": .number(Double(exit)), "truncated_bytes": 0,
            "duration_seconds": .number(call.durationSeconds ?? 0), "started_at": .number(call.startedAt ?? 0),
            "tools": .array(tools.map { .string($0) }), "scratch_files": [], "is_error": .bool(call.isError),
            "tool_call": ["id": .string(call.call.id), "name": .string(call.call.name), "arguments": call.call.input],
            "outside": .bool(outside), "imported": imported(line: call.line, resultLine: call.resultLine),
        ]
        if call.output == nil { record["result_missing"] = true }
        if !call.images.isEmpty { record["images"] = .array(call.images.map { .string($0) }) }
        let files = locator?.files(among: ToolProgram.namedPaths(call.call), cwd: cwd) ?? []
        if !files.isEmpty {
            record["corpus_files"] = .array(files.map { .string($0) })
            tally.onCorpus += 1
        }
        var trailers = ["Fsctx-Step": "\(step)", "Fsctx-Tool": Array(Set(tools)).sorted().joined(separator: ","),
                        "Fsctx-Exit": call.output == nil ? "none" : "\(exit)",
                        "Fsctx-Duration-Ms": String(format: "%.3f", (call.durationSeconds ?? 0) * 1000),
                        "Fsctx-Agent": agent, "Fsctx-Imported": formatName]
        if outside { trailers["Fsctx-Outside"] = "true" }
        if let first = files.first { trailers["Fsctx-Corpus-File"] = first }
        let lines = output.isEmpty ? 0 : output.split(separator: "\n", omittingEmptySubsequences: false).count - (output.hasSuffix("\n") ? 1 : 0)
        let ending = call.output == nil ? "no result" : "\(lines) line\(lines == 1 ? "" : "s")"
        try await commit([String(format: "steps/%04d.json", step): bytes(.object(record))],
                         message: "step \(step) \(ToolProgram.oneLine(program)) → \(ending)", trailers: trailers, on: branch)
    }

    private func writeNote(_ note: ImportedNote, agent: String, branch: RunBranch, tally: Tally) async throws {
        let step = await recorder.takeStepNumber()
        tally.steps += 1
        var record: [String: JSONValue] = [
            "step": .number(Double(step)), "kind": "note", "agent": .string(agent), "note": .string(note.kind),
            "text": .string(note.text), "imported": imported(line: note.line),
        ]
        if !note.fields.isEmpty { record["fields"] = .object(note.fields) }
        if let time = note.time { record["started_at"] = .number(time) }
        try await commit([String(format: "steps/%04d.json", step): bytes(.object(record))],
                         message: "step \(step) \(note.kind) \(agent): \(ToolProgram.oneLine(note.text))",
                         trailers: ["Fsctx-Step": "\(step)", "Fsctx-Kind": "note", "Fsctx-Note": note.kind, "Fsctx-Agent": agent,
                                    "Fsctx-Imported": formatName],
                         on: branch)
    }

    private func imported(line: Int, resultLine: Int? = nil) -> JSONValue {
        // Claude Code sessions read from several files number later files' lines from k·1e6.
        let file = line / 1_000_000
        var object: [String: JSONValue] = [
            "format": .string(formatName), "line": .number(Double(line % 1_000_000)),
            "source": .string(file < session.sources.count ? session.sources[file] : session.sources.first ?? ""),
        ]
        if let resultLine { object["result_line"] = .number(Double(resultLine % 1_000_000)) }
        return .object(object)
    }

    private func commit(_ files: [String: [UInt8]], message: String, trailers: [String: String], on branch: RunBranch? = nil) async throws {
        do {
            try await recorder.commit(on: branch ?? recorder.main, files: files, message: message, trailers: trailers)
        } catch {
            throw AuditError(.recording, "cannot record in run \(recorder.runID): \(error)")
        }
    }

    private func flush() async throws {
        do { try await recorder.flush() } catch { throw AuditError(.recording, "cannot write run \(recorder.runID): \(error)") }
    }

    private func encode(_ value: some Encodable) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value), let json = JSONValue(parsing: String(decoding: data, as: UTF8.self)) else { return .null }
        return json
    }

    private func bytes(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(((try? encoder.encode(value)) ?? Data("null".utf8))) + [UInt8(ascii: "\n")]
    }
}
