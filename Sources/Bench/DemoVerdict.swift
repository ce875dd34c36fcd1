import Foundation
import Recursion

/// Whether the strategies of a sweep answered alike, said in one line, and what differed.
///
/// With the offline baseline every strategy often runs the same lexical policy and gives the
/// same answers; then accuracy cannot tell them apart and the demo says so, showing instead
/// what does differ: tokens, time, steps, sub-calls and depth per run.
public struct DemoVerdict: Sendable {
    /// Whether every task got the same answer (`AnswerGroups` agreement) from every strategy.
    public let identical: Bool
    /// The verdict line, then a table of what differed.
    public let text: String

    /// Judges `results`.
    public init(results: [BenchResult]) {
        let series = Array(Set(results.map(\.seriesName))).sorted()
        let byTask = Dictionary(grouping: results, by: \.task)
        let differing = byTask.keys.sorted().filter { task in
            let answers = byTask[task]!.map { $0.answer ?? "" }
            let keys = AnswerGroups(answers).keys
            return Set(keys.map { $0 ?? "\u{0}none" }).count > 1
        }
        identical = series.count > 1 && differing.isEmpty
        var text: String
        if series.count < 2 {
            text = "One strategy only: nothing to compare answers with."
        } else if identical {
            text = "All \(series.count) strategies gave the same answer on every one of the \(byTask.count) tasks, so accuracy cannot tell them apart; what differs is the cost:"
        } else {
            let examples = differing.prefix(2).map { task in
                "\(task): " + byTask[task]!.sorted { $0.seriesName < $1.seriesName }
                    .map { "\($0.strategy) \(Self.clip($0.answer ?? "no answer"))" }.joined(separator: ", ")
            }
            text = "The strategies answered differently on \(differing.count) of \(byTask.count) tasks (e.g. \(examples.joined(separator: "; "))); cost per run:"
        }
        guard series.count > 1 else { self.text = text + "\n"; return }
        var table = [["series", "tokens", "seconds", "steps", "sub-calls", "depth"]]
        for name in series {
            let rows = results.filter { $0.seriesName == name }
            let count = Double(rows.count)
            let subcalls = rows.compactMap(\.subcalls)
            table.append([name, String(format: "%.0f", Double(rows.map(\.tokens).reduce(0, +)) / count),
                          String(format: "%.2f", rows.map(\.seconds).reduce(0, +) / count),
                          String(format: "%.1f", Double(rows.map(\.steps).reduce(0, +)) / count),
                          subcalls.isEmpty ? "?" : String(format: "%.1f", Double(subcalls.reduce(0, +)) / Double(subcalls.count)),
                          String(format: "%.1f", Double(rows.map(\.depth).reduce(0, +)) / count)])
        }
        text += "\n" + BenchReselection.align(table).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        self.text = text
    }

    static func clip(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= 24 ? "“\(flat)”" : "“\(flat.prefix(23))…”"
    }
}
