import FSContext
import Foundation
import Testing
@testable import Models

/// An API key must never reach anything recorded: a session whose server echoes the key (in
/// replies, tool arguments and error bodies) is recorded into a real git repository — turns
/// as step JSON, errors as text — and every object of that repository is scanned for the key.
@Suite struct SecretLeakTests {
    @Test func theKeyNeverReachesTheRunRepository() async throws {
        let key = "sk-live-LEAKCHECK-9f8e7d6c5b4a"
        let server = try LoopbackServer { request, index in
            let echoed = request.headers["authorization"] ?? ""
            switch index {
            case 0: return .json(status: 200, body: #"{"model":"gpt-4o-mini","choices":[{"message":{"role":"assistant","content":"you sent \#(echoed)","tool_calls":[{"id":"c1","type":"function","function":{"name":"sh","arguments":"{\"program\":\"echo \#(echoed)\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":5,"completion_tokens":5}}"#)
            default: return .json(status: 401, body: #"{"error":{"message":"bad key \#(echoed)"}}"#)
            }
        }
        let model = try ModelFactory.make("openai:gpt-4o-mini", configuration: ModelConfiguration(
            environment: ["OPENAI_API_KEY": key, "OPENAI_BASE_URL": server.baseURL],
            retry: RetryPolicy(maxAttempts: 1)))
        let request = ModelRequest(messages: [.user("Question: hi")])
        let response = try await model.complete(request)
        #expect(response.text.contains("[redacted]"))
        var files: [String: String] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        files["steps/0001.json"] = String(decoding: try encoder.encode(RecordedTurn(step: 1, request: request, response: response)), as: UTF8.self)
        do { _ = try await model.complete(request) } catch { files["steps/0002.error.txt"] = "\(error)" }
        #expect(files["steps/0002.error.txt"]?.contains("401") == true)

        let directory = TemporaryDirectory("fsctx-leak")
        let repository = try GitRepository.create(at: directory.url, bare: true)
        var updates: [String: GitTreeUpdate] = [:]
        for (path, text) in files { updates[path] = .blob(try repository.writeBlob(text: text)) }
        let tree = try repository.writeTree(updating: nil, with: updates)
        let commit = try repository.writeCommit(tree: tree, parents: [], message: "step 1 model \(model.name)")
        try repository.updateReference("refs/fsctx/runs/leak", to: commit, logMessage: "run")

        let dump = try run("/usr/bin/git", ["--git-dir", directory.url.path, "cat-file", "--batch-all-objects", "--batch"])
        #expect(dump.status == 0)
        #expect(dump.stdout.contains("[redacted]"))   // the scan really sees the recorded content
        #expect(!dump.stdout.contains(key))
        #expect(!dump.stdout.contains("LEAKCHECK"))
    }
}

extension SecretLeakTests {
    @Test func printingOrDumpingAModelNeverShowsTheKey() throws {
        let key = "sk-print-check-123456789"
        let model = try OpenAICompatibleModel(model: "m", baseURL: "http://127.0.0.1:1/v1", apiKey: key)
        let anthropic = try AnthropicModel(model: "m", baseURL: "http://127.0.0.1:1", apiKey: key)
        var dumped = ""
        dump(model, to: &dumped)
        dump(anthropic, to: &dumped)
        dump(HTTPRequest(url: "http://x", headers: ["Authorization": "Bearer \(key)"]), to: &dumped)
        let configuration = ModelConfiguration(apiKey: key, environment: ["OPENAI_API_KEY": key])
        dump(configuration, to: &dumped)
        dumped += "\(configuration)"
        let printed = "\(model) \(anthropic) \(String(reflecting: model)) \(HTTPRequest(url: "http://x", headers: ["x-api-key": key]))"
        #expect(!dumped.contains(key) && !printed.contains(key))
        #expect(dumped.contains("[redacted]"))
    }
}
