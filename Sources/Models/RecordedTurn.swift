/// One model turn as a run records it: which request was made (a stable fingerprint plus a
/// short readable summary) and the response, verbatim. The run recorder stores these in step
/// JSON; `ReplayModel` replays them in order.
public struct RecordedTurn: Sendable, Codable, Hashable {
    /// 1-based number of the model turn within the run (or sub-call) it belongs to.
    public var step: Int
    /// `ModelRequest.fingerprint` of the request that was sent.
    public var requestFingerprint: String
    /// A short readable summary of the request (message count, tools, last message head).
    public var requestSummary: String
    /// The model's response, exactly as returned.
    public var response: ModelResponse
    /// The prompt tokens the server counted before the request (for compaction), when it was asked.
    public var serverCountedPromptTokens: Int?

    /// Creates a record of one turn.
    public init(step: Int, requestFingerprint: String, requestSummary: String, response: ModelResponse,
                serverCountedPromptTokens: Int? = nil) {
        self.serverCountedPromptTokens = serverCountedPromptTokens
        self.step = step
        self.requestFingerprint = requestFingerprint
        self.requestSummary = requestSummary
        self.response = response
    }

    /// Records `request` and `response` as turn `step`.
    public init(step: Int, request: ModelRequest, response: ModelResponse) {
        self.init(step: step, requestFingerprint: request.fingerprint, requestSummary: request.summary, response: response)
    }
}
