import Models
import OfflineBaseline
import Testing

/// `ModelMaker` builds the offline baseline itself and hands every other spec to `ModelFactory`.
@Suite struct ModelMakerTests {
    @Test func buildsTheOfflineBaselineWithItsSeedAndWindow() throws {
        let plain = try ModelMaker.make("offline", configuration: ModelConfiguration())
        #expect(plain is OfflineModel && plain.name == "offline")
        var configuration = ModelConfiguration()
        configuration.contextWindow = 8_192
        let seeded = try #require(try ModelMaker.make("offline:seed=2", configuration: configuration) as? OfflineModel)
        #expect(seeded.name == "offline:seed=2" && seeded.seed == 2 && seeded.contextWindowTokens == 8_192)
    }

    @Test func handsProvidersToTheFactory() throws {
        let local = try ModelMaker.make("openai:qwen", configuration: ModelConfiguration(environment: ["OPENAI_BASE_URL": "http://localhost:8000/v1"]))
        #expect(local is OpenAICompatibleModel && local.name == "openai:qwen")
        let missing = #expect(throws: ModelError.self) { try ModelMaker.make("openai:gpt-4o", configuration: ModelConfiguration()) }
        #expect(missing?.message.contains("OPENAI_API_KEY") == true)
        #expect(throws: ModelError.self) { try ModelMaker.make("replay:abc", configuration: ModelConfiguration()) }
        let bad = #expect(throws: ModelError.self) { try ModelMaker.make("offlin", configuration: ModelConfiguration()) }
        #expect(bad?.code == .badSpec)
    }
}
