/// What a grep invocation asks for, after option parsing.
struct GrepOptions: Sendable {
    enum Mode: Sendable { case lines, count, filesWithMatches, filesWithoutMatch, quiet }
    var mode: Mode = .lines
    var invert = false
    var lineNumbers = false
    var onlyMatching = false
    var withFilename: Bool?
    var maxCount: Int?
    var before = 0
    var after = 0
    var textMode = false
    /// rg's habit: `-c` leaves out files with no match; binary files are skipped silently.
    var ripgrepStyle = false
    var groupSeparator = "--"
    /// Whether -A, -B or -C was given (even 0: groups are still separated by `--`).
    var contextRequested = false

    var context: Bool { contextRequested && mode == .lines && !onlyMatching }
}
