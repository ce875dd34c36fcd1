import FSContext
import Foundation
import Testing
@testable import Recursion

/// Each strategy owns its options; `run.json` keeps recording them as one flat object.
@Suite struct StrategyOptionsTests {
    static func json(_ options: StrategyOptions) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(options), as: UTF8.self)
    }

    @Test func defaultsAreRecordedFlatAsBefore() throws {
        #expect(try Self.json(StrategyOptions()) == #"{"candidateStrategy":"rlm","candidateTemperature":0.8,"candidates":8,"#
            + #""chunkBytes":4000,"maxOutputBytes":12000,"seed":0,"toolMode":"functions","topK":8}"#)
    }

    @Test func eachStrategyReadsAndWritesItsOwnOptions() throws {
        var options = StrategyOptions(toolMode: .fenced, seed: 5)
        options.srlm.candidates = 3
        options.srlm.candidateStrategy = .agent
        options.rag.topK = 2
        #expect(options.srlm == SRLMStrategy.Options(candidates: 3, candidateStrategy: .agent))
        #expect(options.rag.topK == 2 && options.rag.chunkBytes == 4_000)
        let decoded = try JSONDecoder().decode(StrategyOptions.self, from: Data(try Self.json(options).utf8))
        #expect(decoded == options && decoded.toolMode == .fenced && decoded.seed == 5)
    }

    @Test func recordedOptionsOfAnOlderRunStillRead() throws {
        let recorded = #"{"candidates":2,"candidateStrategy":"agent","topK":3,"toolMode":"functions","seed":1}"#
        let options = try JSONDecoder().decode(StrategyOptions.self, from: Data(recorded.utf8))
        #expect(options.srlm.candidates == 2 && options.srlm.candidateStrategy == .agent && options.srlm.candidateTemperature == 0.8)
        #expect(options.rag.topK == 3 && options.seed == 1 && options.maxOutputBytes == 12_000)
    }

    @Test func aMistypedOrUnknownValueIsAnErrorNotADefault() {
        for recorded in [#"{"candidates":"many"}"#, #"{"candidateStrategy":"telepathy"}"#] {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(StrategyOptions.self, from: Data(recorded.utf8)) }
        }
    }

    @Test func problemsTalkAboutValues() {
        var options = StrategyOptions()
        #expect(options.problem == nil)
        options.srlm.candidates = 0
        #expect(options.problem == "SRLM candidates must be between 1 and 64 (got 0)")
        options.srlm.candidates = 4
        options.srlm.candidateStrategy = .coa
        #expect(options.problem?.contains("agent or rlm") == true)
    }

    @Test func kindsParseByNameAndListEveryRegisteredStrategy() {
        #expect(StrategyKind.allCases.map(\.rawValue) == ["direct", "rag", "agent", "rlm", "srlm", "coa"])
        #expect(StrategyKind(rawValue: "srlm") == .srlm && StrategyKind(rawValue: "telepathy") == nil)
        for kind in StrategyKind.allCases { #expect(kind.strategy.name == kind.rawValue) }
    }

    @Test func budgetProblemsTalkAboutValues() {
        #expect(RunBudget().problem == nil)
        #expect(RunBudget(maxSteps: 0).problem == "maxSteps must be at least 1 (got 0)")
        #expect(RunBudget(maxUSD: 0).problem == "maxUSD must be more than 0 (got 0.0)")
        #expect(RunBudget(timeoutSeconds: -1).problem?.hasPrefix("timeoutSeconds") == true)
    }
}
