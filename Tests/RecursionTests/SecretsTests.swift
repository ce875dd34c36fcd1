import FSContext
import Foundation
import Models
import Testing
@testable import Recursion

@Suite("Secrets never enter a run's repository")
struct SecretsTests {
    /// Starts the scripted loopback OpenAI-compatible server of Benchmarks/run.
    static func startServer() throws -> (Process, Int) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Benchmarks/run/fake_openai_server.py").path,
                             "--script", "needle", "--lifetime", "60"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line.append(byte) }
        let port = Int(String(decoding: line, as: UTF8.self).split(separator: " ").last ?? "") ?? 0
        return (process, port)
    }

    @Test("an agent run over real HTTP with an API key leaves no trace of the key in any object, ref or log")
    func keyNeverRecorded() async throws {
        let (server, port) = try Self.startServer()
        // SIGKILL, not terminate(): Foundation's Process starts the child with the signal mask of
        // the calling concurrency thread, where SIGTERM is blocked, so SIGTERM would wait out --lifetime.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        #expect(port > 0)
        let key = "sk-test-SECRET-\(UUID().uuidString.prefix(12))"
        let model = try ModelFactory.make(.openAI(model: "fake"), configuration: ModelConfiguration(
            baseURL: "http://127.0.0.1:\(port)/v1", apiKey: key, environment: [:]))
        let corpus = try CorpusFixture(needles: [4: "One of the special magic numbers for wandering-heron is: 555."])
        let outcome = try await Runner.run(
            corpusAt: corpus.url,
            request: RunRequest(question: "What is the special magic number for wandering-heron mentioned in the provided text?",
                                strategy: .rlm, model: "openai:fake"),
            models: { _ in model })
        #expect(outcome.answer == "555")
        let objects = try git(["cat-file", "--batch-all-objects", "--batch"], in: corpus.url)
        #expect(objects.status == 0)
        #expect(objects.stdout.contains("wandering-heron"), "the scan must see the run's objects")
        #expect(!objects.stdout.contains(key))
        let everything = try run("/bin/grep", ["-r", "-a", "-l", String(key), corpus.url.appendingPathComponent(".git").path])
        #expect(everything.stdout.isEmpty, "key found in \(everything.stdout)")
    }
}
