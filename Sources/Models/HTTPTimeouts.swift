/// Timeouts of one HTTP exchange, in seconds. `idle` is the longest silence allowed between
/// two received bytes (measured precisely, not with curl's low-speed window).
public struct HTTPTimeouts: Sendable, Hashable, Codable {
    /// Time allowed to establish the connection.
    public var connect: Double
    /// Time allowed for the whole exchange, streaming included.
    public var total: Double
    /// Longest silence between received bytes.
    public var idle: Double

    /// Creates timeouts.
    public init(connect: Double = 10, total: Double = 600, idle: Double = 120) {
        self.connect = connect
        self.total = total
        self.idle = idle
    }
}
