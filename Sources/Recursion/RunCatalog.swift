import FSContext
import Foundation
import Models

/// One line of `fsctx log`: a run's configuration and how it ended.
public struct RunSummary: Sendable, Codable {
    /// The run id.
    public var id: String
    /// Strategy name.
    public var strategy: String
    /// Model spec.
    public var model: String
    /// The question.
    public var question: String
    /// The answer, if any.
    public var answer: String?
    /// The stop reason, or `incomplete` when the run has no `answer.json` (killed, or still running).
    public var status: String
    /// Steps recorded.
    public var steps: Int
    /// Tokens used (0 when incomplete).
    public var tokens: Int
    /// Cost in dollars; nil when unknown or incomplete.
    public var costUSD: Double?
    /// Wall time in seconds; nil when incomplete.
    public var seconds: Double?
    /// Start time, seconds since 1970.
    public var startedAt: Double
}

/// Reads runs back from a repository: list, configuration, outcome and steps.
public struct RunCatalog: Sendable {
    /// The repository the runs are recorded in.
    public let repository: GitRepository

    /// A catalog over the corpus repository at `url`.
    public init(repositoryAt url: URL) throws {
        guard GitRepository.exists(at: url) else {
            throw RecursionError(.badInput, "\(url.path) is not a corpus repository (no git repository there)")
        }
        repository = try GitRepository.open(at: url)
    }

    /// Every run, oldest first.
    public func list() throws -> [RunSummary] {
        try repository.references(withPrefix: "refs/fsctx/runs/").compactMap { reference in
            let id = String(reference.name.dropFirst("refs/fsctx/runs/".count))
            return try summary(id)
        }.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    }

    /// The summary of run `id`. Runs made by other writers (`fsctx sh`, `fsctx mcp`,
    /// `fsctx launch`) are summarized from whatever `run.json` / `answer.json` they have.
    public func summary(_ id: String) throws -> RunSummary {
        let head = try head(id)
        let run = try record(id, "run.json")
        let answer = try record(id, "answer.json")
        let usage = answer?["usage"]
        let steps = try answer?["steps"]?.intValue ?? self.steps(id).count
        let started = try run?["startedAt"]?.numberValue ?? repository.commitInfo(head).date.timeIntervalSince1970
        return RunSummary(
            id: id, strategy: run?["strategy"]?.stringValue ?? (id.hasPrefix("sh-") ? "sh" : "-"),
            model: run?["model"]?.stringValue ?? "-", question: run?["question"]?.stringValue ?? "",
            answer: answer?["answer"]?.stringValue,
            status: answer?["stopReason"]?.stringValue ?? (run == nil ? "no answer.json" : "incomplete"), steps: steps,
            tokens: (usage?["promptTokens"]?.intValue ?? 0) + (usage?["completionTokens"]?.intValue ?? 0),
            costUSD: usage?["costUSD"]?.numberValue, seconds: answer?["seconds"]?.numberValue,
            startedAt: started)
    }

    /// A JSON record of run `id` (`run.json`, `answer.json`, `selection.json`) at its head, or nil.
    public func record(_ id: String, _ name: String) throws -> JSONValue? {
        guard let bytes = try repository.readBlob(commit: head(id), path: ".fsctx/runs/\(id)/\(name)") else { return nil }
        return JSONValue(parsing: String(decoding: bytes, as: UTF8.self))
    }

    /// The head commit of run `id`; a clear error when there is no such run.
    public func head(_ id: String) throws -> GitOID {
        guard RunID.isValid(id), let head = try repository.resolveReference(RunID.ref(id)) else {
            throw RecursionError(.notFound, "no run '\(id)' in \(repository.gitDirectory.path); `fsctx log` lists the runs")
        }
        return head
    }

    /// `run.json` of run `id`.
    public func configuration(_ id: String) throws -> RunConfiguration {
        guard let bytes = try repository.readBlob(commit: head(id), path: ".fsctx/runs/\(id)/run.json") else {
            throw RecursionError(.notFound, "run '\(id)' has no run.json; it was not made by fsctx run (try fsctx show on it)")
        }
        return try JSONDecoder().decode(RunConfiguration.self, from: Data(bytes))
    }

    /// `answer.json` of run `id`, or nil when the run never finished.
    public func outcome(_ id: String) throws -> RunOutcome? {
        guard let bytes = try repository.readBlob(commit: head(id), path: ".fsctx/runs/\(id)/answer.json") else { return nil }
        return try JSONDecoder().decode(RunOutcome.self, from: Data(bytes))
    }

    /// `selection.json` of an SRLM run, as JSON, or nil.
    public func selection(_ id: String) throws -> JSONValue? { try record(id, "selection.json") }

    /// Every step of run `id`, by number: from the run's ref and from its side branches, so an
    /// interrupted run whose sub-calls were never merged still shows them.
    public func steps(_ id: String) throws -> [RunStep] {
        var tips = [try head(id)]
        tips += try repository.references(withPrefix: "refs/fsctx/branches/\(id)/").map(\.target)
        var steps: [Int: RunStep] = [:]
        for tip in tips {
            for entry in try repository.listTree(tip, path: ".fsctx/runs/\(id)/steps") ?? [] where entry.kind == .blob {
                guard let number = Int(entry.name.prefix { $0.isNumber }), steps[number] == nil else { continue }
                let text = String(decoding: try repository.readBlob(entry.oid), as: UTF8.self)
                guard let record = JSONValue(parsing: text) else { continue }
                steps[number] = RunStep(
                    number: number, kind: record["kind"]?.stringValue ?? "program",
                    agent: record["agent"]?.stringValue ?? "root", record: record)
            }
        }
        return steps.keys.sorted().map { steps[$0]! }
    }

    /// The model turns of run `id` grouped by agent, in turn order: what a replay feeds back.
    public func recordedTurns(_ id: String) throws -> [String: [RecordedTurn]] {
        var turns: [String: [RecordedTurn]] = [:]
        for step in try steps(id) where step.kind == "model" {
            guard let fingerprint = step.record["request_fingerprint"]?.stringValue,
                  let response = step.record["response"] else { continue }
            turns[step.agent, default: []].append(RecordedTurn(
                step: step.number, requestFingerprint: fingerprint,
                requestSummary: step.record["request_summary"]?.stringValue ?? "",
                response: try response.decoded(as: ModelResponse.self),
                serverCountedPromptTokens: step.record["prompt_tokens_counted_by_server"]?.intValue))
        }
        return turns
    }
}
