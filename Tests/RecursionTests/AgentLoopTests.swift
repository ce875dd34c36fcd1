import FSContext
import Foundation
import Models
import OfflineBaseline
import Testing
@testable import Recursion

@Suite("Agent loop, budgets and recursion")
struct AgentLoopTests {
    static let question = "What is the special magic number for wandering-heron mentioned in the provided text?"

    func run(_ corpus: CorpusFixture, _ kind: StrategyKind = .agent, budget: RunBudget = RunBudget(),
             options: StrategyOptions = StrategyOptions(), model: @escaping @Sendable (ModelRequest) throws -> ModelResponse)
        async throws -> RunOutcome
    {
        let scripted = ScriptedModel(script: model)
        return try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: Self.question, strategy: kind, model: "scripted",
                                                      budget: budget, options: options),
            models: { _ in scripted })
    }

    @Test("a malformed tool call and a failing program are observations, not crashes")
    func malformedCalls() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus) { request in
            switch ScriptedModel.turn(request) {
            case 1:
                return ModelResponse(text: "", toolCalls: [ToolCall(id: "bad", name: "sh", argumentsText: "{not json")],
                                     usage: TokenUsage(), finishReason: .toolCalls, latencySeconds: 0, model: "s")
            case 2:
                #expect(request.messages.last?.content.contains("not valid JSON") == true)
                return ScriptedModel.sh("no-such-program --version")
            case 3:
                #expect(request.messages.last?.content.contains("command not found") == true)
                return ScriptedModel.sh("answer 'done'")
            default:
                Issue.record("too many turns")
                return ScriptedModel.text("")
            }
        }
        #expect(outcome.stopReason == .answered)
        #expect(outcome.answer == "done")
    }

    @Test("the step budget ends a run with budget_steps and keeps a partial answer")
    func stepBudget() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus, budget: RunBudget(maxSteps: 5)) { request in
            ScriptedModel.sh("ls docs | head -\(ScriptedModel.turn(request))")   // not the same action twice: not stuck
        }
        #expect(outcome.stopReason == .budgetSteps)
        #expect(outcome.answer == nil)
        let summary = try RunCatalog(repositoryAt: corpus.url).summary(outcome.runID)
        #expect(summary.status == "budget_steps")
    }

    @Test("the token budget is shared by the whole tree; unknown costs stay unknown")
    func tokenBudget() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus, budget: RunBudget(maxTokens: 250)) { request in
            ScriptedModel.sh("ls docs | head -\(ScriptedModel.turn(request))")
        }
        #expect(outcome.stopReason == .budgetTokens)
        #expect(outcome.usage.costUSD == nil)
        #expect(outcome.usage.totalTokens >= 250)
    }

    @Test("consecutive errors end the run")
    func consecutiveErrors() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus, budget: RunBudget(maxConsecutiveErrors: 3)) { _ in ScriptedModel.sh("cat /etc/passwd") }
        #expect(outcome.stopReason == .tooManyErrors)
    }

    @Test("fenced mode runs ```sh blocks for models without tool calling")
    func fencedMode() async throws {
        let corpus = try CorpusFixture(needles: [2: "One of the special magic numbers for wandering-heron is: 4242."])
        var options = StrategyOptions()
        options.toolMode = .fenced
        let outcome = try await run(corpus, options: options) { request in
            #expect(request.tools.isEmpty)
            if ScriptedModel.turn(request) == 1 { return ScriptedModel.text("Searching.\n```sh\ngrep -rn 'wandering-heron' docs\n```") }
            let number = request.messages.last!.content.split(separator: " ").last!.trimmingCharacters(in: .punctuationCharacters.union(.whitespacesAndNewlines))
            return ScriptedModel.text("```sh\nanswer '\(number)'\n```\nConfidence: 90")
        }
        #expect(outcome.answer == "4242")
    }

    @Test("rlm: llm --each fans out as branches merged back; rlm at the depth limit is a plain completion")
    func subCalls() async throws {
        let corpus = try CorpusFixture(documents: 4)
        let outcome = try await run(corpus, .rlm, budget: RunBudget(maxDepth: 1)) { request in
            let system = request.messages.first?.content ?? ""
            if request.tools.isEmpty {
                // A sub-call's plain completion.
                return ScriptedModel.text("summary of \(request.messages.last!.content.utf8.count) bytes\nConfidence: 70")
            }
            #expect(system.contains("llm --each"))
            switch ScriptedModel.turn(request) {
            case 1: return ScriptedModel.sh("llm --each 'summarise' docs/0001.txt docs/0002.txt docs/0003.txt")
            case 2:
                #expect(request.messages.last!.content.contains("summary of"))
                return ScriptedModel.sh("rlm 'what is in it?' docs/0004.txt")
            default: return ScriptedModel.sh("answer 'sub-calls done'")
            }
        }
        #expect(outcome.answer == "sub-calls done")
        #expect(outcome.depth == 1)
        let ref = "refs/fsctx/runs/\(outcome.runID)"
        let merges = try git(["log", "--merges", "--format=%s", ref], in: corpus.url).stdout.split(separator: "\n")
        #expect(merges.filter { $0.hasPrefix("subcall llm") }.count == 3)
        #expect(merges.filter { $0.hasPrefix("subcall rlm") }.count == 1)
        #expect(try git(["fsck", "--strict"], in: corpus.url).status == 0)
        let steps = try RunCatalog(repositoryAt: corpus.url).steps(outcome.runID)
        #expect(Set(steps.map(\.agent)).count == 5)
    }

    @Test("cancellation ends the run as interrupted, with answer.json written")
    func interrupted() async throws {
        let corpus = try CorpusFixture()
        let gate = AsyncStream<Void>.makeStream()
        let task = Task {
            try await run(corpus, budget: RunBudget(maxSteps: 10_000)) { request in
                // From turn 2 on the model waits until the run is cancelled, however late that is.
                if ScriptedModel.turn(request) >= 2 {
                    gate.continuation.yield()
                    while !Task.isCancelled { Thread.sleep(forTimeInterval: 0.01) }
                    throw CancellationError()
                }
                return ScriptedModel.sh("ls")
            }
        }
        for await _ in gate.stream { break }
        task.cancel()
        let outcome = try await task.value
        #expect(outcome.stopReason == .interrupted)
        #expect(try RunCatalog(repositoryAt: corpus.url).outcome(outcome.runID)?.stopReason == .interrupted)
        #expect(try git(["fsck", "--strict"], in: corpus.url).status == 0)
    }

    @Test("bad input: empty question, unknown run id, bad budgets; nothing is recorded")
    func badInput() async throws {
        let corpus = try CorpusFixture()
        await #expect(throws: RecursionError.self) {
            try await Runner.run(corpusAt: corpus.url, request: RunRequest(question: "  ", strategy: .agent, model: "offline"),
                                 models: { _ in OfflineModel() })
        }
        await #expect(throws: RecursionError.self) {
            try await Runner.run(corpusAt: corpus.url,
                                 request: RunRequest(question: "q", strategy: .agent, model: "offline", budget: RunBudget(maxSteps: 0)),
                                 models: { _ in OfflineModel() })
        }
        #expect(try corpus.repository.references(withPrefix: "refs/fsctx/").isEmpty)
        #expect(throws: RecursionError.self) { try RunCatalog(repositoryAt: corpus.url).configuration("nope") }
        let notCorpus = TemporaryDirectory()
        await #expect(throws: RecursionError.self) {
            try await Runner.run(corpusAt: notCorpus.url, request: RunRequest(question: "q", strategy: .agent, model: "offline"),
                                 models: { _ in OfflineModel() })
        }
    }
}
