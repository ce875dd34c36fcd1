/// What one sandboxed process did.
public struct ProcessOutcome: Sendable, Equatable {
    /// Standard output (cut at the stream budget).
    public var stdout: [UInt8]
    /// Standard error (its first 64 KB).
    public var stderr: [UInt8]
    /// The exit status as the shell reports it (128 + signal when killed).
    public var status: Int32
    /// Wall-clock seconds.
    public var durationSeconds: Double
    /// User + system CPU seconds of the process and its children.
    public var cpuSeconds: Double
    /// The largest resident set of the process or one of its children, bytes.
    public var peakRSSBytes: Int
    /// Why fsctx stopped it, if it did (wall-time limit, output budget).
    public var stoppedBecause: String?
}
