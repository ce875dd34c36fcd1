import Foundation

/// Where a sweep is: reported after every finished run.
public struct BenchProgress: Sendable, Hashable {
    /// Runs finished in this invocation.
    public var completed: Int
    /// Runs this invocation has to do (this shard, minus those already in the output).
    public var total: Int
    /// Finished runs that failed.
    public var failed: Int
    /// Grid cells of this shard skipped because the output already had them.
    public var skipped: Int
    /// Seconds since the sweep started.
    public var elapsed: Double

    /// Creates a value.
    public init(completed: Int, total: Int, failed: Int, skipped: Int, elapsed: Double) {
        self.completed = completed
        self.total = total
        self.failed = failed
        self.skipped = skipped
        self.elapsed = elapsed
    }

    /// A one-line progress bar, e.g. `[#######-------------]  7/20  35%  1 failed  0:42 elapsed  ~1:18 left`.
    public func bar(width: Int = 20) -> String {
        let fraction = total == 0 ? 1 : Double(completed) / Double(total)
        let filled = Int((fraction * Double(width)).rounded(.down))
        var line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        line += " \(completed)/\(total)  \(Int((fraction * 100).rounded(.down)))%"
        if failed > 0 { line += "  \(failed) failed" }
        if skipped > 0 { line += "  \(skipped) already done" }
        line += "  \(Self.clock(elapsed)) elapsed"
        if completed > 0 && completed < total {
            line += "  ~\(Self.clock(elapsed / Double(completed) * Double(total - completed))) left"
        }
        return line
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
            : String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
