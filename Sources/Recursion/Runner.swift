import FSContext
import Foundation
import Models
import Shell

/// Runs a strategy on a corpus repository and records it: `run.json` in the first commit
/// (whose parent is the corpus commit), every step as a commit, `answer.json` in the last.
/// A run always ends with an outcome; cancellation (SIGINT) ends it as `interrupted` with
/// whatever answer it had.
public enum Runner {
    /// Runs `request` on the corpus at `corpusURL`, with `models` giving each agent its model;
    /// `corpusCommit` pins the corpus to a recorded commit (a replay), `base` parents the run's
    /// first commit on another commit than the corpus commit (a fork: the original's step N).
    /// `onStart` is told the run id as soon as the run exists.
    public static func run(
        corpusAt corpusURL: URL, request: RunRequest, pinnedTo corpusCommit: GitOID? = nil, base: GitOID? = nil,
        models: @escaping ModelProvider,
        onStart: @Sendable (String) -> Void = { _ in }
    ) async throws -> RunOutcome {
        let question = request.question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else { throw RecursionError(.badInput, "the question is empty; pass --question 'what to find out'") }
        try validate(request)
        let corpus = try corpusCommit.map { try RunCorpus.pinned(at: corpusURL, commit: $0) } ?? RunCorpus.open(at: corpusURL)
        defer { corpus.removeTemporaryWorkTree() }
        let id = request.runID ?? RunID.make(strategy: request.strategy.rawValue)
        guard RunID.isValid(id) else {
            throw RecursionError(.badInput, "invalid run id '\(id)': use letters, digits, '-', '_' and '.'")
        }
        let recorder: RunRecorder
        do {
            recorder = try RunRecorder(repository: corpus.repository, runID: id, base: base ?? corpus.commit)
        } catch {
            throw RecursionError(.badInput, wrapping: error)
        }
        let configuration = RunConfiguration(
            id: id, strategy: request.strategy.rawValue, model: request.model, question: question, corpusCommit: corpus.commit,
            budget: request.budget, options: try resolvingPrograms(request.options, workTree: corpus.workTree),
            modelSettings: request.settings)
        try await record(recorder, file: "run.json", value: configuration,
                         message: "run \(id): \(request.strategy.rawValue) with \(request.model): \(question)",
                         trailers: ["Fsctx-Kind": "run", "Fsctx-Strategy": request.strategy.rawValue, "Fsctx-Model": request.model])
        try await flush(recorder)  // the run is visible to `fsctx log` from here on
        onStart(id)

        let started = Date()
        let environment = RunEnvironment(configuration: configuration, corpus: corpus, recorder: recorder, models: models)
        let scope = environment.rootScope()
        let result = await request.strategy.strategy.run(question: question, environment: environment, scope: scope)
        let stop = Task.isCancelled && result.stopReason != .answered ? StopReason.interrupted : result.stopReason
        var outcome = RunOutcome(
            runID: id, answer: result.answer, stopReason: stop, usage: scope.ledger.usage, steps: environment.stepsTaken,
            depth: environment.deepest, seconds: Date().timeIntervalSince(started),
            error: stop == .answered ? nil : environment.lastError, selection: result.selection,
            confidence: result.answerConfidence)
        outcome.subcalls = environment.subcallsMade
        let byModel = environment.usageByModel, warnings = environment.warnings
        outcome.usageByModel = byModel.isEmpty ? nil : byModel
        outcome.warnings = warnings.isEmpty ? nil : warnings
        if let evidence = await ground(answer: result.answer, runID: id, corpusURL: corpusURL, recorder: recorder) {
            outcome.evidence = evidence
            outcome.grounded = !evidence.isEmpty
        }
        var trailers = ["Fsctx-Kind": "answer", "Fsctx-Stop": stop.rawValue,
                        "Fsctx-Tokens": "\(outcome.usage.totalTokens)", "Fsctx-Cost": outcome.usage.costDescription]
        if let grounded = outcome.grounded { trailers["Fsctx-Grounded"] = grounded ? "true" : "false" }
        try await record(recorder, file: "answer.json", value: outcome,
                         message: "answer \(id) (\(stop.rawValue)): \(RunEnvironment.abbreviate(result.answer ?? "no answer"))",
                         trailers: trailers)
        try await flush(recorder)
        return outcome
    }

    /// Checks the request's numbers before anything is written.
    static func validate(_ request: RunRequest) throws {
        if let problem = request.budget.problem { throw RecursionError(.badInput, problem) }
        if let problem = request.options.problem { throw RecursionError(.badInput, problem) }
    }

    /// Writes the recorder's buffered commits and moves the refs (the recorder batches them;
    /// a killed process loses at most its last unflushed steps, never the history's validity).
    private static func flush(_ recorder: RunRecorder) async throws {
        do {
            try await recorder.flush()
        } catch {
            throw RecursionError(.recording, "cannot write the run's commits", underlying: error)
        }
    }

    private static func record(
        _ recorder: RunRecorder, file: String, value: some Encodable, message: String, trailers: [String: String]
    ) async throws {
        do {
            try await recorder.commit(on: recorder.main, files: [file: Array(JSONValue.encoding(value).prettyText.utf8)],
                                      message: message, trailers: trailers)
        } catch {
            throw RecursionError(.recording, "cannot record \(file)", underlying: error)
        }
    }
}
