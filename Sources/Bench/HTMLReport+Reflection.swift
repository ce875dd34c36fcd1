import Foundation
import Recursion

extension HTMLReport {
    /// Colours of right and wrong candidates in the VC-vs-Len scatter.
    static let rightColor = "#1a9641", wrongColor = "#f28e2b"

    /// The recursion-vs-reflection section: reliability diagram, accuracy-vs-tokens Pareto front,
    /// SRLM's candidate scatter (VC against Len), recursion depth and sub-calls per series.
    /// Charts with nothing to draw are left out.
    func reflectionSection() -> String {
        let analysis = BenchAnalysis(results: results, match: .tokens)
        let charts = [reliabilityChart(analysis), paretoChart(analysis), candidateChart(), recursionChart()].filter { !$0.isEmpty }
        guard !charts.isEmpty else { return "" }
        return "<h2>Recursion vs reflection</h2>\n<div class=\"charts\">\n" + charts.joined(separator: "\n") + "\n</div>\n"
    }

    /// Accuracy against stated ν per bin, one series per colour, with the diagonal of perfect calibration.
    func reliabilityChart(_ analysis: BenchAnalysis) -> String {
        guard !analysis.calibration.isEmpty else { return "" }
        let frame = Frame()
        var svg = open(id: "chart-reliability", title: "Reliability: accuracy vs stated confidence ν", frame: frame)
        svg += yAxis(frame: frame, label: "accuracy") + xTicks(frame: frame, label: "stated confidence ν / 100") { String(format: "%.2f", $0) }
        svg += "<line class=\"diagonal\" x1=\"\(f(frame.x(0)))\" y1=\"\(f(frame.y(0)))\" x2=\"\(f(frame.x(1)))\" y2=\"\(f(frame.y(1)))\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n"
        let colors = seriesColors
        for series in analysis.calibration {
            let color = colors[series.series] ?? "#000"
            let points = series.bins.map { (x: $0.confidence, y: $0.accuracy, runs: $0.runs) }
            svg += "<g class=\"series\" data-series=\"\(Self.escape(series.series))\" data-points=\"\(points.count)\" data-ece=\"\(f(series.ece ?? 0, 4))\">\n"
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.map { "\(f(frame.x($0.x))),\(f(frame.y($0.y)))" }.joined(separator: " "))\"/>\n"
            for point in points {
                svg += "<circle class=\"point\" cx=\"\(f(frame.x(point.x)))\" cy=\"\(f(frame.y(point.y)))\" r=\"\(f(min(10, 3 + sqrt(Double(point.runs)))))\" fill=\"\(color)\" data-x=\"\(f(point.x, 4))\" data-y=\"\(f(point.y, 4))\"><title>\(Self.escape(series.series)): ν≈\(f(point.x * 100, 0)), accuracy \(f(point.y, 3)), \(point.runs) runs</title></circle>\n"
            }
            svg += "</g>\n"
        }
        return svg + legend(frame: frame) + "</svg>"
    }

    /// Accuracy against mean tokens per run, one point per series, the Pareto front joined.
    func paretoChart(_ analysis: BenchAnalysis) -> String {
        let known = analysis.spend.filter { $0.spend != nil }
        guard !known.isEmpty else { return "" }
        let frame = Frame()
        let most = max(known.map { $0.spend! }.max()! * 1.1, 1)
        var svg = open(id: "chart-pareto", title: "Accuracy vs tokens per run (Pareto front)", frame: frame)
        svg += yAxis(frame: frame, label: "accuracy") + xTicks(frame: frame, label: "mean tokens per run") { String(format: "%.0f", $0 * most) }
        let front = known.filter(\.pareto).sorted { $0.spend! < $1.spend! }
        svg += "<polyline class=\"pareto-front\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\" points=\"\(front.map { "\(f(frame.x($0.spend! / most))),\(f(frame.y($0.accuracy)))" }.joined(separator: " "))\"/>\n"
        let colors = seriesColors
        for row in known {
            svg += "<g class=\"series\" data-series=\"\(Self.escape(row.series))\" data-points=\"1\" data-pareto=\"\(row.pareto)\">\n"
            svg += "<circle class=\"point\" cx=\"\(f(frame.x(row.spend! / most)))\" cy=\"\(f(frame.y(row.accuracy)))\" r=\"7\" fill=\"\(colors[row.series] ?? "#000")\" stroke=\"\(row.pareto ? "#000" : "none")\" stroke-width=\"2\" data-x=\"\(f(row.spend!, 1))\" data-y=\"\(f(row.accuracy, 4))\"><title>\(Self.escape(row.series)): \(f(row.spend!, 0)) tokens, \(f(row.accuracy, 3))\(row.pareto ? " (Pareto front)" : "")</title></circle>\n"
            svg += "</g>\n"
        }
        return svg + legend(frame: frame) + "</svg>"
    }

    /// SRLM's candidates: VC (y) against Len (x, log scale), right ones green, wrong ones orange,
    /// the chosen ones ringed in black.
    func candidateChart() -> String {
        var points: [(len: Double, vc: Double, right: Bool, chosen: Bool, series: String)] = []
        for row in results {
            guard let candidates = row.candidates, !candidates.isEmpty else { continue }
            let scores = SRLMSelection.scores(candidates.enumerated().map { $1.summary(index: $0) })
            for (candidate, score) in zip(candidates, scores) where !candidate.answer.isEmpty {
                points.append((Double(score.length), score.verbalizedConfidence, (candidate.score ?? 0) >= 0.5, candidate.chosen, row.seriesName))
            }
        }
        guard !points.isEmpty else { return "" }
        let frame = Frame()
        let lowLen = log10(max(1, points.map(\.len).min()!)), highLen = log10(points.map(\.len).max()!) + 0.05
        let lowVC = min(points.map(\.vc).min()! * 1.1, -0.01)
        func x(_ len: Double) -> Double { frame.x(highLen == lowLen ? 0.5 : (log10(len) - lowLen) / (highLen - lowLen)) }
        func y(_ vc: Double) -> Double { frame.y(1 - vc / lowVC) }
        var svg = open(id: "chart-candidates", title: "SRLM candidates: VC vs Len", frame: frame)
        svg += "<g class=\"axes\">\n"
        for tick in 0...4 {
            let fraction = Double(tick) / 4
            svg += "<text x=\"\(f(frame.left - 8))\" y=\"\(f(frame.y(fraction) + 4))\" text-anchor=\"end\">\(f(lowVC * (1 - fraction), 2))</text>\n"
            svg += "<text x=\"\(f(frame.x(fraction)))\" y=\"\(f(frame.top + frame.plotHeight + 18))\" text-anchor=\"middle\">\(f(pow(10, lowLen + fraction * (highLen - lowLen)), 0))</text>\n"
        }
        svg += "<line x1=\"\(f(frame.left))\" y1=\"\(f(frame.top))\" x2=\"\(f(frame.left))\" y2=\"\(f(frame.top + frame.plotHeight))\" stroke=\"#444\"/>\n"
        svg += "<line x1=\"\(f(frame.left))\" y1=\"\(f(frame.top + frame.plotHeight))\" x2=\"\(f(frame.left + frame.plotWidth))\" y2=\"\(f(frame.top + frame.plotHeight))\" stroke=\"#444\"/>\n"
        svg += "<text transform=\"translate(16 \(f(frame.y(0.5)))) rotate(-90)\" text-anchor=\"middle\">VC = Σ log(ν/100)</text>\n"
        svg += "<text x=\"\(f(frame.x(0.5)))\" y=\"\(f(frame.height - 8))\" text-anchor=\"middle\">Len: own reasoning + output tokens (log scale)</text>\n</g>\n"
        for point in points {
            svg += "<circle class=\"candidate\" cx=\"\(f(x(point.len)))\" cy=\"\(f(y(point.vc)))\" r=\"\(point.chosen ? 6 : 4)\" fill=\"\(point.right ? Self.rightColor : Self.wrongColor)\" fill-opacity=\"0.8\" stroke=\"\(point.chosen ? "#000" : "none")\" stroke-width=\"2\" data-series=\"\(Self.escape(point.series))\" data-correct=\"\(point.right)\" data-chosen=\"\(point.chosen)\" data-len=\"\(Int(point.len))\" data-vc=\"\(f(point.vc, 4))\"/>\n"
        }
        let keyX = frame.width - frame.right + 16
        svg += "<g class=\"legend\">\n"
        for (index, entry) in [("right", Self.rightColor), ("wrong", Self.wrongColor)].enumerated() {
            svg += "<g class=\"legend-item\" data-key=\"\(entry.0)\"><circle cx=\"\(f(keyX + 6))\" cy=\"\(f(frame.top + 6 + Double(index) * 20))\" r=\"5\" fill=\"\(entry.1)\"/><text x=\"\(f(keyX + 18))\" y=\"\(f(frame.top + 10 + Double(index) * 20))\">\(entry.0)</text></g>\n"
        }
        svg += "<g class=\"legend-item\" data-key=\"chosen\"><circle cx=\"\(f(keyX + 6))\" cy=\"\(f(frame.top + 46))\" r=\"5\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/><text x=\"\(f(keyX + 18))\" y=\"\(f(frame.top + 50))\">chosen</text></g>\n"
        return svg + "</g>\n</svg>"
    }

    /// Mean recursion depth and mean sub-calls per run, a pair of bars per series.
    func recursionChart() -> String {
        let bySeries = Dictionary(grouping: results, by: \.seriesName)
        let rows = series.map { entry -> (name: String, color: String, depth: Double, subcalls: Double?) in
            let runs = bySeries[entry.name] ?? []
            let counted = runs.compactMap(\.subcalls)
            return (entry.name, entry.color, Double(runs.map(\.depth).reduce(0, +)) / Double(max(runs.count, 1)),
                    counted.isEmpty ? nil : Double(counted.reduce(0, +)) / Double(counted.count))
        }
        guard rows.contains(where: { $0.depth > 0 || ($0.subcalls ?? 0) > 0 }) else { return "" }
        let frame = Frame()
        let most = max(1, rows.map { max($0.depth, $0.subcalls ?? 0) }.max()! * 1.1)
        var svg = open(id: "chart-recursion", title: "Recursion: mean depth and sub-calls per run", frame: frame)
        svg += "<g class=\"axes\">\n"
        for tick in 0...4 {
            let fraction = Double(tick) / 4
            svg += "<line x1=\"\(f(frame.left))\" y1=\"\(f(frame.y(fraction)))\" x2=\"\(f(frame.left + frame.plotWidth))\" y2=\"\(f(frame.y(fraction)))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(frame.left - 8))\" y=\"\(f(frame.y(fraction) + 4))\" text-anchor=\"end\">\(f(most * fraction, 1))</text>\n"
        }
        svg += "</g>\n"
        let slot = frame.plotWidth / Double(rows.count), bar = min(24, slot / 3)
        for (index, row) in rows.enumerated() {
            let center = frame.left + slot * (Double(index) + 0.5)
            svg += "<g class=\"series\" data-series=\"\(Self.escape(row.name))\">\n"
            for (offset, measure, value, opacity) in [(-bar, "depth", row.depth, "1"), (0.0, "subcalls", row.subcalls, "0.45")] {
                guard let value else { continue }
                let height = value / most * frame.plotHeight
                svg += "<rect class=\"bar\" data-measure=\"\(measure)\" data-value=\"\(f(value, 3))\" x=\"\(f(center + offset))\" y=\"\(f(frame.top + frame.plotHeight - height))\" width=\"\(f(bar))\" height=\"\(f(height))\" fill=\"\(row.color)\" fill-opacity=\"\(opacity)\"><title>\(Self.escape(row.name)): mean \(measure) \(f(value, 2))</title></rect>\n"
            }
            svg += "</g>\n"
        }
        svg += "<text x=\"\(f(frame.x(0.5)))\" y=\"\(f(frame.height - 8))\" text-anchor=\"middle\">solid: mean depth · light: mean sub-calls</text>\n"
        return svg + legend(frame: frame) + "</svg>"
    }

    /// Series name → colour.
    var seriesColors: [String: String] { Dictionary(uniqueKeysWithValues: series.map { ($0.name, $0.color) }) }

    /// Five x-axis tick labels at 0, ¼, ½, ¾, 1 of the plot and the axis label.
    func xTicks(frame: Frame, label: String, text: (Double) -> String) -> String {
        var svg = ""
        for tick in 0...4 {
            let fraction = Double(tick) / 4
            svg += "<text x=\"\(f(frame.x(fraction)))\" y=\"\(f(frame.top + frame.plotHeight + 18))\" text-anchor=\"middle\">\(text(fraction))</text>\n"
        }
        return svg + "<text x=\"\(f(frame.x(0.5)))\" y=\"\(f(frame.height - 8))\" text-anchor=\"middle\">\(label)</text>\n"
    }
}
