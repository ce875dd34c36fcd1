import Foundation

/// A self-contained HTML page for a set of results: accuracy vs context length per series,
/// cost vs accuracy, needle depth × length heatmaps (when runs have depths), the comparison
/// table and the per-task table. Charts are inline SVG drawn
/// here; the page fetches nothing (no scripts, fonts or images from anywhere).
///
/// For tests and tools: each chart is `<svg id="chart-accuracy">` / `<svg id="chart-cost">`;
/// each series is `<g class="series" data-series="strategy/model">` holding its points
/// (`<circle class="point" data-x=… data-y=…>`); legends are `<g class="legend-item" data-series=…>`;
/// heatmaps are `<svg class="heatmap" data-series=…>` of `<rect class="cell" data-depth data-context data-score>`.
public struct HTMLReport: Sendable {
    /// The results shown (one row per key).
    public var results: [BenchResult]
    /// The page title.
    public var title: String

    /// Creates a report.
    public init(results: [BenchResult], title: String = "FSContext bench report") {
        self.results = results
        self.title = title
    }

    /// Series names (`strategy/model`) in a stable order, each with its colour.
    var series: [(name: String, color: String)] {
        let names = Array(Set(results.map(\.seriesName))).sorted()
        return names.enumerated().map { ($1, Self.palette[$0 % Self.palette.count]) }
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    /// The page.
    public func render() -> String {
        let comparison = BenchComparison(results: results)
        let tasks = Set(results.map(\.task)).count
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(Self.escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 24px; color: #222; background: #fff; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
        .charts { display: flex; flex-wrap: wrap; gap: 24px; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
        th { background: #f2f2f2; } td.text { text-align: left; }
        svg text { font-size: 12px; fill: #333; }
        </style>
        </head>
        <body>
        <h1>\(Self.escape(title))</h1>
        <p id="summary">\(results.count) runs, \(tasks) tasks, \(series.count) series (strategy/model). Scores are in 0–1; context lengths are approximate tokens (4 characters ≈ 1 token), bucketed to powers of two.</p>
        <div class="charts">
        \(accuracyChart())
        \(costChart())
        </div>
        \(depthHeatmaps())
        \(reflectionSection())
        <h2>By strategy × context length</h2>
        \(comparisonTable(comparison))
        <h2>Paired differences, SRLM candidates, calibration, equal budget</h2>
        <pre id="analysis">\(Self.escape(BenchAnalysis(results: results).text().trimmingCharacters(in: .newlines)))</pre>
        <h2>Per task</h2>
        \(taskTable())
        </body>
        </html>

        """
    }

    /// HTML-escapes text.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
