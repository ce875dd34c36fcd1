import FSContext
import Foundation
import Models
import Testing
@testable import Recursion

/// A model whose candidate with seed `slowSeed` waits (cancellably) for a minute before answering.
struct SlowCandidateModel: LanguageModel {
    let name = "slow"
    let contextWindowTokens = 100_000
    let slowSeed: Int
    let answers: @Sendable (Int) -> String

    func complete(_ request: ModelRequest) async throws -> ModelResponse {
        let seed = request.seed ?? 0
        if seed == slowSeed { try await Task.sleep(for: .seconds(60)) }
        return SRLMRecordTests.answer(answers(seed), confidence: 80, tokens: 10)
    }
}

@Suite("Adaptive SRLM")
struct AdaptiveSRLMTests {
    func run(_ model: any LanguageModel, minimum: Int, maximum: Int) async throws -> (RunOutcome, CorpusFixture) {
        let corpus = try CorpusFixture()
        var options = StrategyOptions()
        options.srlm.candidateStrategy = .agent
        options.srlm.adaptiveCandidates = CandidateRange(minimum: minimum, maximum: maximum)
        let outcome = try await Runner.run(
            corpusAt: corpus.url, request: RunRequest(question: SRLMRecordTests.question, strategy: .srlm, model: "scripted", options: options),
            models: { _ in model })
        return (outcome, corpus)
    }

    @Test("settled: the leader has 2+ votes and more than the runner-up plus everyone still running")
    func settled() {
        #expect(SRLMCandidatePool.settled(["42", "42"], running: 0))
        #expect(!SRLMCandidatePool.settled(["42"], running: 0))
        #expect(!SRLMCandidatePool.settled(["42", "7"], running: 0))
        #expect(SRLMCandidatePool.settled(["42", "the answer is 42", "7"], running: 0))
        #expect(!SRLMCandidatePool.settled(["42", "42", "7"], running: 1))
        #expect(SRLMCandidatePool.settled(["42", "42", "42", "7"], running: 1))
        #expect(!SRLMCandidatePool.settled(["", ""], running: 0))
    }

    @Test("agreeing candidates stop at the minimum")
    func agreement() async throws {
        let model = ScriptedModel { _ in SRLMRecordTests.answer("42", confidence: 90, tokens: 10) }
        let (outcome, _) = try await run(model, minimum: 2, maximum: 6)
        #expect(outcome.answer == "42")
        #expect(outcome.selection?.scores.count == 2)
    }

    @Test("disagreement adds one candidate at a time until the answers settle, or the maximum")
    func disagreement() async throws {
        let answers = [1: "42", 2: "7", 3: "9", 4: "42"]
        let model = ScriptedModel { request in SRLMRecordTests.answer(answers[request.seed ?? 0] ?? "13", confidence: 90, tokens: 10) }
        let (outcome, _) = try await run(model, minimum: 2, maximum: 6)
        #expect(outcome.selection?.scores.count == 4)
        #expect(outcome.answer == "42" && outcome.selection?.majorityVotes == 2)
        let never = ScriptedModel { request in SRLMRecordTests.answer("\(request.seed ?? 0)", confidence: 90, tokens: 10) }
        let (capped, _) = try await run(never, minimum: 2, maximum: 3)
        #expect(capped.selection?.scores.count == 3)
    }

    @Test("a running candidate that cannot change the majority is cancelled and recorded as cancelled")
    func cancellation() async throws {
        let started = Date()
        let (outcome, corpus) = try await run(SlowCandidateModel(slowSeed: 3) { _ in "42" }, minimum: 3, maximum: 3)
        #expect(Date().timeIntervalSince(started) < 30, "the slow candidate was waited for")
        #expect(outcome.answer == "42" && outcome.stopReason == .answered)
        let record = try #require(try RunCatalog(repositoryAt: corpus.url).selection(outcome.runID))
        let third = record["candidates"]?.arrayValue?[2]
        #expect(third?["cancelled"] == .bool(true))
        #expect(third?["stopReason"]?.stringValue == "cancelled")
        let ref = "refs/fsctx/runs/\(outcome.runID)"
        let message = try git(["log", "--merges", "-1", "--format=%B", ref], in: corpus.url).stdout
        #expect(message.contains("Fsctx-Cancelled: root/c3") && message.contains("(2/2 agree)"), "\(message)")
        let fsck = try git(["fsck", "--strict"], in: corpus.url)
        #expect(fsck.status == 0)
    }
}
