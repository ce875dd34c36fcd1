import Foundation
import Models

/// The model of a forked run's agent: the turns recorded up to the fork point, replayed (not
/// re-asked, and checked by request fingerprint like a replay), then a live model.
final class ForkModel: LanguageModel, @unchecked Sendable {
    let name: String
    let contextWindowTokens: Int
    private let recorded: ReplayModel
    private let recordedCount: Int
    private let live: any LanguageModel

    init(recorded turns: [RecordedTurn], runID: String, live: any LanguageModel) {
        recorded = ReplayModel(turns: turns, runID: runID, contextWindowTokens: live.contextWindowTokens)
        recordedCount = turns.count
        self.live = live
        name = live.name
        contextWindowTokens = live.contextWindowTokens
    }

    func complete(_ request: ModelRequest) async throws -> ModelResponse {
        if recorded.replayedCount < recordedCount { return try await recorded.complete(request) }
        return try await live.complete(request)
    }
}
