import Foundation

extension BenchComparison {
    /// The comparison as an aligned text table.
    public func table() -> String {
        let header = ["strategy", "model", "context", "n", "accuracy", "95% CI", "tokens", "cost", "cost/run", "seconds", "steps", "failed"]
        let body = rows.map { row in
            [row.strategy, row.model, Self.label(row.contextTokens), String(row.runs),
             String(format: "%.3f", row.accuracy), String(format: "%.2f–%.2f", row.accuracyLow, row.accuracyHigh),
             String(format: "%.0f", row.meanTokens),
             row.totalCost.map { String(format: "$%.4f", $0) } ?? "?",
             row.meanCost.map { String(format: "$%.4f", $0) } ?? "?",
             String(format: "%.2f", row.meanSeconds), String(format: "%.1f", row.meanSteps), String(row.failed)]
        }
        let all = [header] + body
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        let leftAligned: Set<Int> = [0, 1]
        return all.map { cells in
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    /// The comparison as JSON (`{"rows":[…]}`, snake_case keys, unknown cost as null).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
