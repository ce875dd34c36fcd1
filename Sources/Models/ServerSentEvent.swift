/// One server-sent event: its `event:` name (nil when absent) and its `data:` lines joined
/// with newlines.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field, if any.
    public var event: String?
    /// The `data:` payload.
    public var data: String

    /// Creates an event.
    public init(event: String? = nil, data: String) {
        self.event = event
        self.data = data
    }
}
