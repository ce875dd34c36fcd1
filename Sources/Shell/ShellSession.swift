import FSContext
import Foundation

/// One agent's shell over a corpus: runs programs in the Shell language (DESIGN §5) against
/// the read-only corpus work tree, writes only into its scratch area, and records each program
/// as a commit when it has a recorder.
///
/// Programs of one session run one after another (variables persist between them); sessions
/// for different sub-agents run concurrently. No process is ever spawned.
public actor ShellSession {
    /// The corpus work tree (the checked-out corpus commit); every path resolves inside it.
    public nonisolated let corpusRoot: URL
    /// Where `scratch/…` lives on disk: `<git-dir>/fsctx/scratch/<run-id>/` for a recorded run,
    /// a fresh temporary folder otherwise.
    public nonisolated let scratchDirectory: URL
    /// Output and stream budgets.
    public nonisolated let limits: ShellLimits
    /// The recorder that writes one commit per program, if any.
    public nonisolated let recorder: RunRecorder?
    /// The run branch this session records on (the run's main branch by default).
    public nonisolated let branch: RunBranch?
    let subcalls: (any SubCallHandler)?
    let budget: (any BudgetReporter)?
    let sandbox: Sandbox

    /// The final answer set by the last `answer` builtin, if any.
    public private(set) var answer: String?
    /// The confidence given with the final answer, if any.
    public private(set) var answerConfidence: Double?
    var variables: [String: String] = [:]
    var lastStatus: Int32 = 0

    /// Opens a session over `corpusRoot`. Throws `ShellError(.badRoot)` when the root is not a
    /// readable folder, the scratch area cannot be created, or the corpus's `.fsctx/config` is
    /// malformed (its `allow-programs = …` applies unless `limits.programs` is explicit).
    public init(
        corpusRoot: URL, scratchDirectory: URL? = nil, limits: ShellLimits = ShellLimits(),
        subcalls: (any SubCallHandler)? = nil, recorder: RunRecorder? = nil, branch: RunBranch? = nil,
        budget: (any BudgetReporter)? = nil
    ) throws {
        self.budget = budget
        let scratch = scratchDirectory
            ?? recorder.map { $0.repository.gitDirectory.appendingPathComponent("fsctx/scratch/\($0.runID)", isDirectory: true) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("fsctx-scratch-\(UUID().uuidString.prefix(8))", isDirectory: true)
        self.sandbox = try Sandbox(root: corpusRoot, scratch: scratch)
        self.corpusRoot = sandbox.root
        self.scratchDirectory = sandbox.scratch
        var limits = limits
        if let error = limits.programs.apply(configAt: sandbox.root.appendingPathComponent(".fsctx/config")) { throw error }
        self.limits = limits
        self.subcalls = subcalls
        self.recorder = recorder
        self.branch = branch
    }

    /// Runs one program and returns its output, status and what it set. Never throws: a bad
    /// program, an escape attempt or an unknown command is a result with a message and a
    /// non-zero status. `stdin` feeds the program's first command; `extra` fields go into the
    /// recorded step JSON (the model's text, tokens…).
    ///
    /// With `sink`, output goes to the sink as it is produced (still cut at the budget);
    /// `result.output` then holds it only when the session records (for the step), else it is empty.
    public func run(
        _ program: String, stdin: String = "", record extra: [String: JSONValue] = [:], streamingTo sink: ShellOutputSink? = nil
    ) async -> ShellResult {
        let started = Date()
        let execution = Execution(session: self, variables: variables, lastStatus: lastStatus)
        execution.output = OutputBuffer(limit: limits.maxOutputBytes, sink: sink, keep: sink == nil || recorder != nil)
        let status = await execution.run(program: program, stdin: Array(stdin.utf8))
        variables = execution.variables
        lastStatus = status
        if let newAnswer = execution.answer {
            answer = newAnswer
            answerConfidence = execution.answerConfidence
        }
        let (output, cut) = execution.output.finish()
        var result = ShellResult(
            output: output, exitStatus: status, truncatedBytes: cut, answer: execution.answer,
            answerConfidence: execution.answerConfidence, durationSeconds: Date().timeIntervalSince(started))
        if let recorder {
            var extra = extra
            if !execution.processRuns.isEmpty { extra["processes"] = .array(execution.processRuns.map(\.json)) }
            let step = ShellStepRecord(
                program: program, output: output, exitStatus: status, truncatedBytes: cut,
                durationSeconds: result.durationSeconds, startedAt: started.timeIntervalSince1970,
                tools: execution.commandsRun, answer: execution.answer,
                scratchFiles: execution.scratchWrites(), extra: extra)
            do {
                let recorded = try await recorder.recordStep(step, on: branch)
                result.recordedCommit = recorded.commit
                result.recordedStep = recorded.number
            } catch {
                result.output += (result.output.isEmpty || result.output.hasSuffix("\n") ? "" : "\n")
                    + "fsctx-sh: warning: this step was not recorded: \(error)\n"
            }
        }
        return result
    }

    /// Sets a shell variable visible to later programs of this session.
    public func setVariable(_ name: String, _ value: String) { variables[name] = value }
}
