import FSContext
import Foundation
import Models
import Recursion
import Shell

/// One MCP server session over a corpus: one `ShellSession` and one run. Every tool call is
/// a step of the run (`refs/fsctx/runs/<id>`), recorded exactly as `fsctx sh` records a
/// program; the first call of a new run writes `run.json` (strategy `mcp`), and `answer`
/// writes `answer.json`.
public actor CorpusSession {
    /// The corpus work tree the tools read.
    public nonisolated let corpusRoot: URL
    /// The run that records the calls, nil when the session does not record.
    public nonisolated let runID: String?
    let shell: ShellSession
    let recorder: RunRecorder?
    let corpusCommit: GitOID?
    let question: String
    let maxOutputBytes: Int
    /// Whether this session created the run (and so owns its `run.json` and final `answer.json`).
    let ownsRun: Bool
    /// The model sub-calls of `fsctx mcp --model`, nil without a model.
    let subCalls: ExternalSubCalls?
    let subCallOptions: MCPSubCallOptions?
    let started = Date()
    var runStarted: Bool
    var client = "unknown-client"
    var answerWritten = false
    var callsSinceAnswer = 0
    var lastCall: Task<Void, Never>?

    /// How many tool calls the session has served.
    public private(set) var callCount = 0
    /// The final answer given with `answer`, if any.
    public private(set) var answer: String?
    /// The confidence given with the answer, if any.
    public private(set) var answerConfidence: Double?

    /// Opens the corpus and the run. Throws `MCPServerError(.badInput)` when the folder is not
    /// a corpus repository or the run id is not valid.
    public init(options: MCPSessionOptions) throws {
        question = options.question
        maxOutputBytes = options.maxOutputBytes
        var limits = ShellLimits(maxOutputBytes: options.maxOutputBytes)
        limits.programs = options.programs
        subCallOptions = options.subCalls
        guard options.record else {
            if options.subCalls != nil {
                throw MCPServerError(.badInput, "sub-calls are recorded as branches of the run: --model needs recording (leave out --no-record)")
            }
            subCalls = nil
            do {
                shell = try ShellSession(corpusRoot: options.corpusRoot, limits: limits)
            } catch {
                throw MCPServerError(.badInput, wrapping: error)
            }
            corpusRoot = shell.corpusRoot
            (runID, recorder, corpusCommit, ownsRun, runStarted) = (nil, nil, nil, false, false)
            return
        }
        do {
            let corpus = try RunCorpus.open(at: options.corpusRoot)
            let id = options.runID ?? RunID.make(strategy: "mcp")
            guard RunID.isValid(id) else {
                throw MCPServerError(.badInput, "invalid run id '\(id)': use letters, digits, '-', '_' and '.'")
            }
            let exists = try corpus.repository.resolveReference(RunID.ref(id)) != nil
            let recorder = exists
                ? try RunRecorder.open(repository: corpus.repository, runID: id)
                : try RunRecorder(repository: corpus.repository, runID: id, base: corpus.commit)
            subCalls = options.subCalls.map { sub in
                ExternalSubCalls(
                    configuration: RunConfiguration(
                        id: id, strategy: "mcp", model: sub.model, question: options.question, corpusCommit: corpus.commit,
                        budget: sub.budget, options: StrategyOptions(maxOutputBytes: options.maxOutputBytes), modelSettings: sub.settings),
                    corpus: corpus, recorder: recorder, models: sub.models)
            }
            shell = try ShellSession(corpusRoot: corpus.workTree, limits: limits, subcalls: subCalls?.handler, recorder: recorder)
            corpusRoot = shell.corpusRoot
            runID = id
            self.recorder = recorder
            corpusCommit = corpus.commit
            ownsRun = !exists
            runStarted = exists
        } catch let error as MCPServerError {
            throw error
        } catch let error as RecursionError {
            throw MCPServerError(.badInput, error.message)
        } catch {
            throw MCPServerError(.badInput, wrapping: error)
        }
    }

    /// Whether the `sh` and `python` tools can make model sub-calls (`fsctx mcp --model`), so
    /// the tool descriptions offer them.
    public nonisolated var offersSubCalls: Bool { subCalls != nil }

    /// Names the client (from MCP `initialize`), for `run.json`'s model field.
    public func setClient(name: String, version: String) {
        client = version.isEmpty ? name : "\(name) \(version)"
    }

    /// Runs one tool call and records it; the step is on disk when this returns. Never throws:
    /// a bad call, an escape attempt or a failed command is a reply with `isError` and a
    /// message; the session goes on. Calls that arrive together (clients may send parallel
    /// calls) run one after another in arrival order, as the programs of one shell do.
    public func call(_ name: String, arguments: JSONValue) async -> ToolReply {
        let previous = lastCall
        let task = Task { await previous?.value; return await self.perform(name, arguments: arguments) }
        lastCall = Task { _ = await task.value }
        return await task.value
    }

    func perform(_ name: String, arguments: JSONValue) async -> ToolReply {
        callCount += 1
        callsSinceAnswer += 1
        var warning = ""
        if let error = await startRunIfNeeded() { warning = "fsctx: warning: \(error.message)\n" }
        let extra: [String: JSONValue] = ["source": "mcp", "mcp_tool": .string(name), "mcp_arguments": arguments, "mcp_client": .string(client)]
        let result: ShellResult
        switch ToolCatalog.program(name: name, arguments: arguments) {
        case .success(let program):
            result = await shell.run(program, record: extra)
        case .failure(let error):
            result = await recordMalformedCall(name: name, arguments: arguments, message: error.message, extra: extra)
        }
        if let given = result.answer {
            answer = given
            answerConfidence = result.answerConfidence
            if let error = await writeAnswer() { warning += "fsctx: warning: \(error.message)\n" }
        }
        // The recorder batches commits; a call is on disk (and visible to git) before its reply.
        do { try await recorder?.flush() } catch { warning += "fsctx: warning: this call was not recorded: \(error)\n" }
        return Self.reply(tool: name, result: result, runID: runID, warning: warning)
    }

    /// Ends the session: a run this session created gets its final `answer.json` (stop reason
    /// `answered`, or `no_answer` when the client never called `answer`). A run opened with
    /// `--run` belongs to whoever created it (e.g. `fsctx launch`), which writes its end.
    public func finish() async -> MCPServerError? {
        await lastCall?.value
        guard ownsRun, runStarted, !answerWritten || callsSinceAnswer > 0 else { return nil }
        return await writeAnswer()
    }

    /// The corpus page (`INDEX.md`, or `.fsctx/INDEX.md` when the source has its own root
    /// `INDEX.md`), or nil when it has none.
    public nonisolated func indexText() -> String? {
        CorpusIndexPage.text(in: corpusRoot)
    }
}
