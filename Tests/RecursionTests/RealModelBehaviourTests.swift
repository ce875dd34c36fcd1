import FSContext
import Foundation
import Models
import Testing
@testable import Recursion

/// What real models do that scripted ones rarely did: loop, ramble to the limit, answer
/// nothing, outgrow the window — and what the run then records.
@Suite("Real-model behaviour: bounded replies, stuck agents, compaction, budgets, sub-models")
struct RealModelBehaviourTests {
    static let question = AgentLoopTests.question

    func run(_ corpus: CorpusFixture, _ kind: StrategyKind = .agent, budget: RunBudget = RunBudget(),
             options: StrategyOptions = StrategyOptions(), settings: RunModelSettings = RunModelSettings(),
             models: @escaping ModelProvider) async throws -> RunOutcome {
        try await Runner.run(
            corpusAt: corpus.url,
            request: RunRequest(question: Self.question, strategy: kind, model: "scripted", budget: budget, options: options,
                                settings: settings),
            models: models)
    }

    func run(_ corpus: CorpusFixture, _ kind: StrategyKind = .agent, budget: RunBudget = RunBudget(),
             options: StrategyOptions = StrategyOptions(), settings: RunModelSettings = RunModelSettings(),
             model: @escaping @Sendable (ModelRequest) throws -> ModelResponse) async throws -> RunOutcome {
        let scripted = ScriptedModel(script: model)
        return try await run(corpus, kind, budget: budget, options: options, settings: settings, models: { _ in scripted })
    }

    /// Every step JSON of a run, in order.
    func steps(_ corpus: CorpusFixture, _ outcome: RunOutcome) throws -> [RunStep] {
        try RunCatalog(repositoryAt: corpus.url).steps(outcome.runID)
    }

    @Test("the same action with the same output three times ends the agent as stuck")
    func repeatedActionIsStuck() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus, budget: RunBudget(maxSteps: 40)) { _ in ScriptedModel.sh("ls docs | head -2") }
        #expect(outcome.stopReason == .stuck)
        #expect(outcome.steps <= 7)
        #expect(outcome.error?.contains("same action") == true)
        #expect(try RunCatalog(repositoryAt: corpus.url).outcome(outcome.runID)?.stopReason == .stuck)
    }

    @Test("turns without a tool call end the agent as stuck; cut and empty replies are recorded and warned")
    func noToolCallsIsStuck() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus, settings: RunModelSettings(stuckTurnsWithoutAction: 3)) { request in
            #expect(request.maxTokens == ReplyTokenLimits().agent)
            return ScriptedModel.turn(request) == 1
                ? ModelResponse(text: "", usage: TokenUsage(promptTokens: 10, completionTokens: 0), finishReason: .stop, latencySeconds: 0, model: "s")
                : ModelResponse(text: "I think I think I think", usage: TokenUsage(promptTokens: 10, completionTokens: 1024),
                                finishReason: .length, latencySeconds: 0, model: "s")
        }
        #expect(outcome.stopReason == .stuck)
        #expect(outcome.warnings?.count == 3)
        #expect(outcome.warnings?.first?.contains("empty reply") == true)
        let models = try steps(corpus, outcome).filter { $0.kind == "model" }
        #expect(models.count == 3)
        #expect(models.dropFirst().allSatisfy { $0.record["cut_at_max_tokens"] == true })
        #expect(models.allSatisfy { $0.record["max_tokens"] == 1024 })
    }

    @Test("the nudge after a cut reply says it was cut")
    func nudgeSaysCut() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus) { request in
            switch ScriptedModel.turn(request) {
            case 1: return ModelResponse(text: "Let me think at length", usage: TokenUsage(), finishReason: .length, latencySeconds: 0, model: "s")
            default:
                #expect(request.messages.last?.content.contains("cut at the limit of 1024 tokens") == true)
                return ScriptedModel.sh("answer 'x'")
            }
        }
        #expect(outcome.stopReason == .answered)
    }

    @Test("every request of every strategy carries max_tokens for its role")
    func maxTokensEverywhere() async throws {
        let limits = ReplyTokenLimits(agent: 300, answer: 200, subcall: 150, worker: 120, summary: 100)
        let seen = Seen()
        for kind in StrategyKind.allCases {
            let corpus = try CorpusFixture(documents: 3)
            var options = StrategyOptions()
            options.srlm.candidates = 2
            options.rag.chunkBytes = 1_000
            _ = try await run(corpus, kind, budget: RunBudget(maxSteps: 8, maxDepth: 1), options: options,
                              settings: RunModelSettings(replyTokens: limits)) { request in
                seen.add(request.maxTokens)
                if request.tools.isEmpty { return ScriptedModel.text("42\nConfidence: 50") }
                return ScriptedModel.turn(request) == 1 ? ScriptedModel.sh("llm 'sum' docs/0001.txt") : ScriptedModel.sh("answer 42")
            }
        }
        #expect(!seen.values.contains(nil))
        #expect(Set(seen.values.compactMap { $0 }) == [300, 200, 150, 120])
    }

    @Test("a confidence argument on any tool is the turn's ν, recorded on the model step")
    func confidenceOnEveryTool() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus) { request in
            let turn = ScriptedModel.turn(request)
            let arguments: JSONValue = turn == 1 ? ["program": "ls docs | head -1", "confidence": 35] : ["answer": "x", "confidence": 80]
            return ModelResponse(text: "", toolCalls: [ToolCall(id: "c\(turn)", name: turn == 1 ? "sh" : "answer", arguments: arguments)],
                                 usage: TokenUsage(), finishReason: .toolCalls, latencySeconds: 0, model: "s")
        }
        #expect(outcome.stopReason == .answered)
        let models = try steps(corpus, outcome).filter { $0.kind == "model" }
        #expect(models.map { $0.record["confidence"] } == [35, 80])
        #expect(AgentPrompts.tools.allSatisfy { $0.parameters["properties"]?["confidence"] != nil })
    }

    @Test("the budget builtin prints what is left, and observations say so below 25%")
    func budgetIsVisible() async throws {
        let corpus = try CorpusFixture()
        let outcome = try await run(corpus, budget: RunBudget(maxSteps: 10, maxTokens: 10_000)) { request in
            let turn = ScriptedModel.turn(request)
            let shown = request.messages.last?.content ?? ""
            if turn == 1 { return ScriptedModel.sh("budget") }
            if turn == 2 {
                #expect(shown.contains("steps: 8 of 10 steps left") && shown.contains("of 10000 tokens left") && shown.contains("depth:"))
            }
            if shown.contains("[budget low: 2 of 10 steps left") { return ScriptedModel.sh("answer 'x'") }
            #expect(!shown.contains("[budget low"))
            return ScriptedModel.sh("ls docs | head -\(turn)")
        }
        #expect(outcome.stopReason == .answered)
    }

    @Test("past the window older observations become one line each, in a compaction commit; the replay is identical")
    func compactionByLines() async throws {
        let corpus = try CorpusFixture(documents: 6, linesPerDocument: 120)
        let settings = RunModelSettings(replyTokens: ReplyTokenLimits(agent: 256), contextWindow: 4_000)
        let outcome = try await run(corpus, settings: settings) { request in
            let turn = ScriptedModel.turn(request)
            return turn <= 5 ? ScriptedModel.sh("cat docs/000\(turn).txt") : ScriptedModel.sh("answer 'done'")
        }
        #expect(outcome.stopReason == .answered)
        let all = try steps(corpus, outcome)
        let compactions = all.filter { $0.kind == "compaction" }
        #expect(!compactions.isEmpty)
        let replaced = compactions.flatMap { $0.record["replaced_messages"]?.arrayValue ?? [] }
        #expect(replaced.allSatisfy { ($0["content"]?.stringValue ?? "").hasPrefix("[step ") })
        #expect(replaced.first?["content"]?.stringValue?.contains("cat docs/0001.txt → 120 lines, see git show ") == true)
        #expect(compactions.first?.record["counted_by"]?.stringValue?.contains("estimate") == true)
        #expect(try git(["log", "--format=%s", "refs/fsctx/runs/\(outcome.runID)"], in: corpus.url).stdout.contains("compaction root"))
        let replay = try await Replayer.replay(corpusAt: corpus.url, runID: outcome.runID)
        #expect(replay.identical, "\(replay.divergence ?? "")")
    }

    @Test("--compact summarize folds the oldest turns into a model-written summary")
    func compactionBySummary() async throws {
        let corpus = try CorpusFixture(documents: 8, linesPerDocument: 120)
        let settings = RunModelSettings(replyTokens: ReplyTokenLimits(agent: 256), contextWindow: 3_000, compaction: .summarize)
        let seen = Seen()
        let outcome = try await run(corpus, settings: settings) { request in
            if request.tools.isEmpty {
                #expect(request.maxTokens == ReplyTokenLimits().summary)
                return ScriptedModel.text("Read docs 1-3: noise only.")
            }
            // Count turns here: after a fold the conversation has fewer assistant messages.
            seen.add(1)
            let turn = seen.values.count
            return turn <= 6 ? ScriptedModel.sh("cat docs/000\(turn).txt | head -90") : ScriptedModel.sh("answer 'done'")
        }
        #expect(outcome.stopReason == .answered)
        let summaries = try steps(corpus, outcome).filter { $0.kind == "compaction" }.compactMap { $0.record["summary"]?.stringValue }
        #expect(summaries.contains("Read docs 1-3: noise only."))
    }

    @Test("--sub-model answers the sub-calls; usage is summed per model; --max-subcalls caps them")
    func subModelAndCap() async throws {
        let corpus = try CorpusFixture(documents: 4)
        let main = ScriptedModel(name: "main") { request in
            ScriptedModel.turn(request) == 1 ? ScriptedModel.sh("llm --each 'sum' docs/0001.txt docs/0002.txt docs/0003.txt")
                : ScriptedModel.sh("answer 'done'")
        }
        let sub = ScriptedModel(name: "cheap") { _ in ScriptedModel.text("a summary\nConfidence: 60") }
        let outcome = try await run(corpus, .rlm, budget: RunBudget(maxSubcalls: 2),
                                    settings: RunModelSettings(subModel: "openai:cheap"), models: ModelProviders.live(main, subModel: sub))
        #expect(outcome.stopReason == .answered)
        let byModel = try #require(outcome.usageByModel)
        #expect(byModel["main"]?.calls == 2)
        #expect(byModel["cheap"]?.calls == 2)   // the third file hit --max-subcalls
        let observation = try steps(corpus, outcome).first { $0.kind == "program" }?.output ?? ""
        #expect(observation.contains("--max-subcalls"))
        #expect(try RunCatalog(repositoryAt: corpus.url).configuration(outcome.runID).settings.subModel == "openai:cheap")
    }
}

/// Values seen by concurrent model calls.
final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int?] = []
    func add(_ value: Int?) { lock.withLock { list.append(value) } }
    var values: [Int?] { lock.withLock { list } }
}
