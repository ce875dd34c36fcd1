import Foundation

/// Answers from a recorded run: returns the recorded responses in order, and fails loudly —
/// naming the step — when a request's fingerprint differs from the recorded one or the
/// recording runs out. Usage and latency are returned as recorded.
public final class ReplayModel: LanguageModel, @unchecked Sendable {
    /// `replay:<run-id>`.
    public let name: String
    /// Large: a replay never truncates.
    public let contextWindowTokens: Int
    private let turns: [RecordedTurn]
    private let lock = NSLock()
    private var next = 0

    /// Replays `turns` in order; `runID` names the run in messages.
    public init(turns: [RecordedTurn], runID: String = "recorded", contextWindowTokens: Int = 1_000_000) {
        self.turns = turns
        self.name = "replay:\(runID)"
        self.contextWindowTokens = contextWindowTokens
    }

    /// The number of turns replayed so far.
    public var replayedCount: Int { lock.withLock { next } }

    /// Returns the next recorded response, or throws `.replayMismatch` naming the step.
    /// The count the server gave before the next recorded turn, so compaction decides as it did.
    public func countPromptTokens(_ request: ModelRequest) async -> Int? {
        lock.withLock { next < turns.count ? turns[next].serverCountedPromptTokens : nil }
    }

    public func complete(_ request: ModelRequest) async throws -> ModelResponse {
        try Task.checkCancellation()
        let (index, turn): (Int, RecordedTurn?) = lock.withLock {
            let index = next
            guard index < turns.count else { return (index, nil) }
            let turn = turns[index]
            if turn.requestFingerprint == request.fingerprint { next += 1 }
            return (index, turn)
        }
        guard let turn else {
            throw ModelError(.replayMismatch,
                             "\(name): step \(index + 1) asks for a model turn but the recording has only \(turns.count); the run being replayed ended earlier")
        }
        guard turn.requestFingerprint == request.fingerprint else {
            throw ModelError(.replayMismatch,
                             "\(name): step \(turn.step) request differs from the recording (recorded \(turn.requestFingerprint) [\(turn.requestSummary)], now \(request.fingerprint) [\(request.summary)]); the prompt, tools or earlier tool output changed")
        }
        return turn.response
    }
}
