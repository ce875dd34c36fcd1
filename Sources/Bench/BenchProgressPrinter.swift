import Foundation

/// Writes a sweep's progress for a person: on a terminal, one bar redrawn in place (`\r`);
/// anywhere else (a log file, a pipe, CI) one plain line each time the sweep passes another
/// tenth, so a log gets at most eleven lines instead of a frame per run.
public final class BenchProgressPrinter: @unchecked Sendable {
    private let terminal: Bool
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var lastTenth = -1
    private var drawn = false

    /// `terminal`: whether the destination is a terminal (e.g. `isatty(2) == 1` for stderr).
    public init(terminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.terminal = terminal
        self.write = write
    }

    /// Reports one progress value.
    public func report(_ progress: BenchProgress) {
        lock.lock(); defer { lock.unlock() }
        if terminal {
            write("\r" + progress.bar())
            drawn = true
            return
        }
        let tenth = progress.total == 0 ? 10 : progress.completed * 10 / progress.total
        guard tenth > lastTenth else { return }
        lastTenth = tenth
        write(progress.bar() + "\n")
    }

    /// Ends the bar's line on a terminal (nothing elsewhere: every line there is already ended).
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        if terminal && drawn { write("\n") }
        drawn = false
    }
}
