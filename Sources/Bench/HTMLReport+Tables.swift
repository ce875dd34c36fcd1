import Foundation

extension HTMLReport {
    func comparisonTable(_ comparison: BenchComparison) -> String {
        var html = "<table id=\"by-strategy\">\n<tr><th>strategy</th><th>model</th><th>context</th><th>n</th><th>accuracy</th><th>95% CI</th><th>tokens</th><th>cost</th><th>cost/run</th><th>seconds</th><th>steps</th><th>failed</th></tr>\n"
        for row in comparison.rows {
            html += "<tr><td class=\"text\">\(Self.escape(row.strategy))</td><td class=\"text\">\(Self.escape(row.model))</td>"
                + "<td>\(BenchComparison.label(row.contextTokens))</td><td>\(row.runs)</td><td>\(f(row.accuracy, 3))</td>"
                + "<td>\(f(row.accuracyLow, 2))–\(f(row.accuracyHigh, 2))</td>"
                + "<td>\(f(row.meanTokens, 0))</td><td>\(row.totalCost.map { String(format: "$%.4f", $0) } ?? "?")</td>"
                + "<td>\(row.meanCost.map { String(format: "$%.4f", $0) } ?? "?")</td><td>\(f(row.meanSeconds, 2))</td>"
                + "<td>\(f(row.meanSteps, 1))</td><td>\(row.failed)</td></tr>\n"
        }
        return html + "</table>"
    }

    func taskTable() -> String {
        var html = "<table id=\"per-task\">\n<tr><th>task</th><th>suite</th><th>variant</th><th>context</th><th>strategy/model</th><th>score</th><th>answer</th><th>tokens</th><th>cost</th><th>seconds</th><th>steps</th><th>run</th></tr>\n"
        for row in results.sorted(by: { $0.key < $1.key }) {
            let answer = row.error.map { "error: " + $0 } ?? row.answer ?? ""
            let shown = answer.count > 120 ? String(answer.prefix(120)) + "…" : answer
            html += "<tr class=\"task-row\" data-task=\"\(Self.escape(row.task))\" data-series=\"\(Self.escape(row.seriesName))\">"
                + "<td class=\"text\">\(Self.escape(row.task))</td><td class=\"text\">\(row.suite.rawValue)</td>"
                + "<td class=\"text\">\(Self.escape(row.variant))</td><td>\(row.contextTokens)</td>"
                + "<td class=\"text\">\(Self.escape(row.seriesName))</td><td>\(f(row.score, 3))</td>"
                + "<td class=\"text\">\(Self.escape(shown))</td><td>\(row.tokens)</td>"
                + "<td>\(row.cost.map { String(format: "$%.4f", $0) } ?? "?")</td><td>\(f(row.seconds, 2))</td>"
                + "<td>\(row.steps)</td><td class=\"text\">\(Self.escape(row.runId ?? ""))</td></tr>\n"
        }
        return html + "</table>"
    }
}
