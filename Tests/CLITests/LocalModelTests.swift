import Foundation
import Testing

/// `fsctx model` and `fsctx run` with every strategy against a real OpenAI-compatible server
/// nobody here wrote: llama.cpp (llama-cpp-python) serving Gemma 3 270M, started by
/// `scripts/local-model`. A 270M base model answers badly; the test is that fsctx survives it:
/// every run ends with a recorded stop reason, real token usage, bounded replies, no hang, and a
/// repository `git fsck --strict` finds clean.
@Suite(.serialized, .enabled(if: LocalModel.enabled, "needs the local llama.cpp server: run `scripts/local-model start` first"))
struct LocalModelTests {
    static let question = "In what year did Edith Marrow come to Gull Rock?"

    /// One strategy run: its flags and whether it streams.
    struct Case: Sendable, CustomTestStringConvertible {
        var strategy: String
        var stream: Bool
        var extra: [String] = []
        var testDescription: String { "\(strategy)\(extra.isEmpty ? "" : " " + extra.joined(separator: " "))\(stream ? " streaming" : "")" }
    }

    static let cases: [Case] = [
        Case(strategy: "direct", stream: false),
        Case(strategy: "direct", stream: true),
        Case(strategy: "rag", stream: true),
        Case(strategy: "agent", stream: false, extra: ["--tool-mode", "functions"]),
        Case(strategy: "agent", stream: true, extra: ["--tool-mode", "fenced"]),
        Case(strategy: "rlm", stream: false, extra: ["--tool-mode", "fenced", "--max-subcalls", "3"]),
        Case(strategy: "srlm", stream: true, extra: ["--candidates", "2", "--candidate-strategy", "agent"]),
        Case(strategy: "coa", stream: false),
    ]

    /// The sample corpus (about 4 KB), materialized once per test.
    static func corpus(_ temp: TemporaryDirectory) throws -> URL {
        let repo = temp.url.appendingPathComponent("corpus")
        let made = try CLI.fsctx(["materialize", CLI.root.appendingPathComponent("corpora/sample").path, "--into", repo.path])
        try #require(made.status == 0, "\(made.stderr)")
        return repo
    }

    @Test(arguments: [false, true])
    func modelRepliesWithRealUsage(stream: Bool) throws {
        let base = try LocalModel.requireBaseURL()
        var arguments = ["model", "--model", LocalModel.spec, "--base-url", base, "--max-tokens", "24", "--json", "--system", "You answer questions.",
                         "Question: What colour is the sky on a clear day? Answer in one word."]
        if stream { arguments.insert("--stream", at: 1) }
        let result = try CLI.fsctx(arguments, timeout: 120)
        #expect(!result.hung, "fsctx model did not finish in 120 s")
        #expect(result.status == 0, "\(result.stderr)")
        let response = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        let usage = try #require(response["usage"] as? [String: Any])
        #expect((usage["promptTokens"] as? Int ?? 0) > 5, "real prompt tokens: \(usage)")
        let completion = usage["completionTokens"] as? Int ?? -1
        #expect(completion >= 0 && completion <= 24, "bounded by max_tokens: \(usage)")
        #expect(["stop", "length"].contains(response["finishReason"] as? String ?? ""), "\(response)")
        if (response["text"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // The base model often ends at once (the generic chat template): a warning, not a silent success.
            #expect(result.stderr.contains("warning: the reply is empty"), "\(result.stderr)")
        } else {
            #expect(completion >= 1, "\(usage)")
        }
    }

    @Test(arguments: cases)
    func strategySurvivesARealServer(_ test: Case) throws {
        let base = try LocalModel.requireBaseURL()
        let temp = TemporaryDirectory("fsctx-local-model")
        let repo = try Self.corpus(temp)
        var arguments = ["run", repo.path, "--question", Self.question, "--strategy", test.strategy, "--model", LocalModel.spec,
                         "--base-url", base, "--max-steps", "6", "--timeout", "240", "--model-timeout", "120", "--max-reply-tokens", "96", "--json"] + test.extra
        if test.stream { arguments.append("--stream") }
        let started = Date()
        // The run's budget is 240 s and one call may take 120 s more: past 420 s it hung.
        let result = try CLI.fsctx(arguments, timeout: 420)
        let seconds = Date().timeIntervalSince(started)
        #expect(!result.hung, "fsctx run hung (killed after 420 s): \(result.stderr.suffix(500))")
        #expect(result.status == 0 || result.status == 1, "exit \(result.status): \(result.stderr.suffix(500))")
        let outcome = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                   "no outcome JSON: \(result.stdout.prefix(300)) \(result.stderr.suffix(500))")
        let id = try #require(outcome["runID"] as? String)
        let stop = try #require(outcome["stopReason"] as? String)
        let usage = try #require(outcome["usage"] as? [String: Any])
        let prompt = usage["promptTokens"] as? Int ?? 0, completion = usage["completionTokens"] as? Int ?? 0
        #expect(prompt > 0 && completion > 0, "real token usage recorded: \(usage)")

        // answer.json on the run's ref holds the same stop reason.
        let answer = try git(["show", "refs/fsctx/runs/\(id):.fsctx/runs/\(id)/answer.json"], in: repo)
        #expect(answer.status == 0 && answer.stdout.contains("\"\(stop)\""), "\(answer.stderr)")
        // Every model request carried max_tokens, and every reply stayed within it.
        let history = try git(["log", "-p", "--format=%n", "refs/fsctx/runs/\(id)"], in: repo).stdout
        let modelSteps = history.components(separatedBy: "\"kind\" : \"model\"").count - 1
            + history.components(separatedBy: "\"kind\": \"model\"").count - 1
        let withLimit = history.components(separatedBy: "\"max_tokens\"").count - 1
        #expect(modelSteps > 0 && withLimit >= modelSteps, "\(modelSteps) model steps, \(withLimit) with max_tokens")
        let fsck = try git(["fsck", "--strict"], in: repo)
        #expect(fsck.status == 0, "\(fsck.stderr)")
        LocalModelFigures.record("\(test.testDescription)\t\(String(format: "%.1f", seconds)) s\t\(prompt)+\(completion) tokens\t\(stop)")
    }
}

/// Prints one line per run for the note (wall time, tokens, stop reason), also to
/// `.build/local-model/figures.tsv`.
enum LocalModelFigures {
    static func record(_ line: String) {
        print("local-model figure: \(line)")
        let file = CLI.root.appendingPathComponent(".build/local-model/figures.tsv")
        guard let handle = try? FileHandle(forWritingTo: file) else {
            try? (line + "\n").write(to: file, atomically: true, encoding: .utf8)
            return
        }
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        try? handle.close()
    }
}

extension CLI {
    /// Runs `fsctx arguments…`, killing it after `timeout` seconds (`hung` is then true).
    static func fsctx(_ arguments: [String], timeout: Double) throws -> (status: Int32, stdout: String, stderr: String, hung: Bool) {
        let process = try start(arguments)
        let out = process.standardOutput as! Pipe, err = process.standardError as! Pipe
        let collected = Collected()
        let readers = DispatchGroup()
        for (pipe, isError) in [(out, false), (err, true)] {
            readers.enter()
            DispatchQueue.global().async {
                collected.set(pipe.fileHandleForReading.readDataToEndOfFile(), error: isError)
                readers.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let hung = process.isRunning
        if hung {
            process.terminate()
            Thread.sleep(forTimeInterval: 2)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        readers.wait()
        return (process.terminationStatus, collected.text(error: false), collected.text(error: true), hung)
    }
}

/// Output gathered by the reader threads.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data(), err = Data()
    func set(_ data: Data, error: Bool) { lock.withLock { if error { err = data } else { out = data } } }
    func text(error: Bool) -> String { lock.withLock { String(decoding: error ? err : out, as: UTF8.self) } }
}
