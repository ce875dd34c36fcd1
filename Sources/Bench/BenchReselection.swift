import Foundation
import Recursion

/// Re-selection over bench results: the SRLM candidates recorded in result rows, selected again
/// under every rule for every K' ≤ K (`Reselection`), scored with the scores the bench runner
/// gave each candidate's answer. No model is called.
public struct BenchReselection: Sendable {
    /// The rows: by series, K', rule.
    public let rows: [ReselectionRow]

    /// Re-selects over the rows of `results` that recorded candidates.
    public init(results: [BenchResult]) {
        rows = Reselection.rows(Self.recorded(results))
    }

    /// Wraps rows already computed.
    public init(rows: [ReselectionRow]) {
        self.rows = rows
    }

    /// The recorded candidates of each result row that has them (series `strategy/model`);
    /// the truth is known when every candidate was scored.
    public static func recorded(_ results: [BenchResult]) -> [RecordedCandidates] {
        results.compactMap { result in
            guard let candidates = result.candidates, !candidates.isEmpty else { return nil }
            let scores = candidates.compactMap(\.score)
            return RecordedCandidates(series: result.seriesName,
                                      candidates: candidates.enumerated().map { $1.summary(index: $0) },
                                      correctness: scores.count == candidates.count ? scores : nil)
        }
    }

    /// Where `bench` writes the rows for result file `results`: `x.jsonl` → `x.reselect.jsonl`.
    public static func rowsFile(for results: URL) -> URL {
        let name = results.lastPathComponent
        let stem = name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
        return results.deletingLastPathComponent().appendingPathComponent(stem + ".reselect.jsonl")
    }

    /// Writes the rows as JSON Lines (atomically); nothing is written when there are none.
    /// Returns whether a file was written.
    @discardableResult
    public func write(to url: URL) throws -> Bool {
        guard !rows.isEmpty else { return false }
        try JSONLines.write(rows, to: url)
        return true
    }

    /// An aligned table: one line per series and K', one column per rule (accuracy, `?` when
    /// the truth is unknown).
    public func table() -> String {
        let rules = SelectionRule.allCases
        let header = ["series", "K'", "runs"] + rules.map(\.rawValue)
        var lines: [[String]] = []
        var seen: Set<String> = []
        for row in rows where seen.insert("\(row.series)\u{0}\(row.candidates)").inserted {
            let cells = rules.map { rule in
                rows.first { $0.series == row.series && $0.candidates == row.candidates && $0.rule == rule }?
                    .accuracy.map { String(format: "%.3f", $0) } ?? "?"
            }
            lines.append([row.series, String(row.candidates), String(row.runs)] + cells)
        }
        return Self.align([header] + lines)
    }

    static func align(_ table: [[String]], leftColumns: Int = 1) -> String {
        guard let header = table.first else { return "" }
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { cells in
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column < leftColumns ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
