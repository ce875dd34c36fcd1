import Testing
@testable import Models

@Suite struct ModelSpecTests {
    @Test func parsesEveryForm() throws {
        #expect(try ModelSpec(parsing: "offline") == .offline(seed: 0))
        #expect(try ModelSpec(parsing: "offline:seed=3") == .offline(seed: 3))
        #expect(try ModelSpec(parsing: "openai:gpt-4o-mini") == .openAI(model: "gpt-4o-mini"))
        #expect(try ModelSpec(parsing: "openai:meta-llama/llama-3.1-8b-instruct:free") == .openAI(model: "meta-llama/llama-3.1-8b-instruct:free"))
        #expect(try ModelSpec(parsing: "anthropic:claude-sonnet-4-5") == .anthropic(model: "claude-sonnet-4-5"))
        #expect(try ModelSpec(parsing: "replay:run-20260101-abc") == .replay(runID: "run-20260101-abc"))
        for text in ["offline", "offline:seed=3", "openai:x", "anthropic:y", "replay:z"] {
            #expect(try ModelSpec(parsing: text).description == text)
        }
    }

    @Test func rejectsBadSpecsWithUsage() {
        for text in ["gpt4", "openai:", "offline:seed=x", "replay:", ""] {
            #expect(throws: ModelError.self) { try ModelSpec(parsing: text) }
        }
        do { _ = try ModelSpec(parsing: "gpt4") } catch let error as ModelError {
            #expect(error.code == .badSpec)
            #expect(error.message.contains("openai:<model>"))
        } catch { Issue.record("wrong error \(error)") }
    }
}
