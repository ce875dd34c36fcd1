import Models

/// One agent's conversation, and what compaction needs to know about it: which messages are
/// observations (tool output) and the one line each can shrink to. Compaction rewrites
/// messages in place, so tool-call ids and turn order stay valid for every provider.
struct AgentConversation {
    /// The messages, oldest first: the system prompt, the question, then the turns.
    private(set) var messages: [ChatMessage]
    /// Observation message index → its one-line stand-in, for observations not yet compacted.
    private var observations: [Int: String] = [:]
    /// Index of the first message not yet recorded in a model step.
    var recordedUpTo = 0

    init(system: String, question: String) {
        messages = [.system(system), .user(question)]
    }

    mutating func append(_ message: ChatMessage) { messages.append(message) }

    /// Appends an observation that compaction may later replace by `line`.
    mutating func appendObservation(_ message: ChatMessage, line: String) {
        observations[messages.count] = line
        messages.append(message)
    }

    /// Replaces observations by their one line, oldest first, keeping the newest `keep` whole,
    /// until `fits` says the messages fit. Returns what changed (index → new text).
    mutating func compactObservations(keep: Int, until fits: ([ChatMessage]) -> Bool) -> [Int: String] {
        var changed: [Int: String] = [:]
        for index in observations.keys.sorted().dropLast(keep) {
            if fits(messages) { break }
            guard let line = observations.removeValue(forKey: index) else { continue }
            messages[index].content = line
            changed[index] = line
        }
        return changed
    }

    /// The turns that a summary may replace: from the first turn up to (not including) the
    /// start of the turn holding the newest observation, cut at a turn boundary (an assistant
    /// message). Nil when there are fewer than two whole turns to fold.
    func oldestTurns() -> Range<Int>? {
        let starts = messages.indices.filter { $0 >= 2 && messages[$0].role == .assistant }
        guard starts.count >= 3 else { return nil }
        let end = starts[starts.count / 2]
        return 2..<end
    }

    /// Folds `range` into the question message as `summary` (so no two user messages follow
    /// each other, which some chat templates refuse). Returns the new question text.
    mutating func fold(_ range: Range<Int>, summary: String) -> String {
        let question = messages[1].content.components(separatedBy: "\n\n[Summary of your earlier turns").first ?? messages[1].content
        messages[1].content = question + "\n\n[Summary of your earlier turns, written when the conversation outgrew the window]\n" + summary
        messages.removeSubrange(range)
        var shifted: [Int: String] = [:]
        for (index, line) in observations where !range.contains(index) {
            shifted[index >= range.upperBound ? index - range.count : index] = line
        }
        observations = shifted
        recordedUpTo = messages.count
        return messages[1].content
    }

    /// The transcript of `range` as plain text, for the summarizing model.
    func transcript(_ range: Range<Int>) -> String {
        messages[range].map { message in
            var text = "[\(message.role.rawValue)] \(message.content)"
            for call in message.toolCalls { text += "\n[call] \(call.name) \(call.argumentsText)" }
            return text
        }.joined(separator: "\n")
    }
}
