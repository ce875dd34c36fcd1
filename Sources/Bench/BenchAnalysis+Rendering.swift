import Foundation

extension BenchAnalysis {
    /// The analysis as text sections (those with nothing to show are left out).
    public func text() -> String {
        var text = ""
        if !paired.isEmpty {
            text += "\nPaired differences (A − B on the tasks both ran; 95% bootstrap interval; * = excludes 0):\n"
            text += BenchReselection.align([["A", "B", "tasks", "A − B", "95% CI", ""]] + paired.map { pair in
                [pair.series, pair.baseline, String(pair.tasks), String(format: "%+.3f", pair.difference),
                 String(format: "%+.3f…%+.3f", pair.low, pair.high), pair.low > 0 || pair.high < 0 ? "*" : ""]
            }, leftColumns: 2)
        }
        if !candidates.isEmpty {
            text += "\nSRLM candidates (oracle@K: any candidate right; selection accuracy: chose a best candidate when one scored; AUROC of s = VC·Len for right candidates):\n"
            text += BenchReselection.align([["series", "runs", "K", "oracle@K", "selection", "AUROC"]] + candidates.map { row in
                [row.series, String(row.runs), String(row.candidates), String(format: "%.3f", row.oracle),
                 row.selectionAccuracy.map { String(format: "%.3f", $0) } ?? "?", row.auroc.map { String(format: "%.3f", $0) } ?? "?"]
            })
        }
        if !calibration.isEmpty {
            text += "\nCalibration of the answer's ν (reliability table; ECE = Σ n_b/N·|accuracy − confidence|):\n"
            for series in calibration {
                text += "  \(series.series): \(series.runs) runs, ECE \(series.ece.map { String(format: "%.3f", $0) } ?? "?")\n"
                text += BenchReselection.align([["ν", "runs", "confidence", "accuracy"]] + series.bins.map { bin in
                    [String(format: "%.0f–%.0f", bin.low, bin.high), String(bin.runs), String(format: "%.3f", bin.confidence),
                     String(format: "%.3f", bin.accuracy)]
                }).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        if !spend.isEmpty {
            let unit = match == .usd ? "$" : match == .seconds ? "s" : " tokens"
            let budgetText = budget.map { String(format: "%.4g", $0) + unit } ?? "?"
            text += "\nEqual budget (\(match.rawValue)): at most \(budgetText) per run — a run that spent more counts as wrong, an SRLM run keeps the candidates it could pay for; P = on the Pareto front of accuracy vs mean spend:\n"
            text += BenchReselection.align([["series", "spend/run", "accuracy", "at budget", "P"]] + spend.map { row in
                [row.series, row.spend.map { String(format: "%.4g", $0) } ?? "?", String(format: "%.3f", row.accuracy),
                 row.matchedAccuracy.map { String(format: "%.3f", $0) } ?? "?", row.pareto ? "P" : ""]
            })
        }
        return text
    }
}
