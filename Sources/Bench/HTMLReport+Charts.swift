import Foundation

extension HTMLReport {
    /// Plot geometry shared by both charts.
    struct Frame {
        let width = 560.0, height = 360.0, left = 60.0, right = 170.0, top = 30.0, bottom = 50.0
        var plotWidth: Double { width - left - right }
        var plotHeight: Double { height - top - bottom }
        func x(_ fraction: Double) -> Double { left + fraction * plotWidth }
        func y(_ fraction: Double) -> Double { top + (1 - fraction) * plotHeight }
    }

    /// Line chart: mean score per context bucket, one line per series.
    func accuracyChart() -> String {
        let frame = Frame()
        let buckets = Array(Set(results.map { BenchComparison.bucket($0.contextTokens) })).sorted()
        let low = log2(Double(buckets.first ?? 1)), high = log2(Double(buckets.last ?? 1))
        func xFraction(_ bucket: Int) -> Double { high == low ? 0.5 : (log2(Double(bucket)) - low) / (high - low) }
        var svg = open(id: "chart-accuracy", title: "Accuracy vs context length", frame: frame)
        svg += yAxis(frame: frame, label: "accuracy")
        for bucket in buckets {
            let x = frame.x(xFraction(bucket))
            svg += "<text x=\"\(f(x))\" y=\"\(f(frame.top + frame.plotHeight + 18))\" text-anchor=\"middle\">\(BenchComparison.label(bucket))</text>\n"
        }
        svg += "<text x=\"\(f(frame.x(0.5)))\" y=\"\(f(frame.height - 8))\" text-anchor=\"middle\">context length (tokens, log scale)</text>\n"
        for (name, color) in series {
            let runs = results.filter { $0.seriesName == name }
            let points = buckets.compactMap { bucket -> (Int, Double)? in
                let scores = runs.filter { BenchComparison.bucket($0.contextTokens) == bucket }.map(\.score)
                return scores.isEmpty ? nil : (bucket, scores.reduce(0, +) / Double(scores.count))
            }
            let coordinates = points.map { "\(f(frame.x(xFraction($0.0)))),\(f(frame.y($0.1)))" }
            svg += "<g class=\"series\" data-series=\"\(Self.escape(name))\" data-points=\"\(points.count)\">\n"
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"3\" points=\"\(coordinates.joined(separator: " "))\"/>\n"
            for point in points {
                svg += "<circle class=\"point\" cx=\"\(f(frame.x(xFraction(point.0))))\" cy=\"\(f(frame.y(point.1)))\" r=\"5\" fill=\"\(color)\" data-x=\"\(point.0)\" data-y=\"\(f(point.1, 4))\"><title>\(Self.escape(name)) @ \(BenchComparison.label(point.0)): \(f(point.1, 3))</title></circle>\n"
            }
            svg += "</g>\n"
        }
        return svg + legend(frame: frame) + "</svg>"
    }

    /// Scatter: mean cost per run vs mean score, one point per series (series with unknown cost are listed, not plotted).
    func costChart() -> String {
        let frame = Frame()
        let summaries = BenchComparison(results: results).rows.filter { $0.contextTokens == nil }
        let known = summaries.filter { $0.meanCost != nil }
        let highest = known.compactMap(\.meanCost).max() ?? 0
        let maxCost = highest > 0 ? highest * 1.1 : 0.01  // all free (e.g. offline): a one-cent axis
        var svg = open(id: "chart-cost", title: "Cost vs accuracy", frame: frame)
        svg += yAxis(frame: frame, label: "accuracy")
        for tick in 0...4 {
            let fraction = Double(tick) / 4
            svg += "<text x=\"\(f(frame.x(fraction)))\" y=\"\(f(frame.top + frame.plotHeight + 18))\" text-anchor=\"middle\">$\(String(format: "%.3g", maxCost * fraction))</text>\n"
        }
        svg += "<text x=\"\(f(frame.x(0.5)))\" y=\"\(f(frame.height - 8))\" text-anchor=\"middle\">mean cost per run (USD)</text>\n"
        let colors = Dictionary(uniqueKeysWithValues: series.map { ($0.name, $0.color) })
        for row in known {
            let name = "\(row.strategy)/\(row.model)", cost = row.meanCost!
            svg += "<g class=\"series\" data-series=\"\(Self.escape(name))\" data-points=\"1\">\n"
            svg += "<circle class=\"point\" cx=\"\(f(frame.x(cost / maxCost)))\" cy=\"\(f(frame.y(row.accuracy)))\" r=\"7\" fill=\"\(colors[name] ?? "#000")\" data-x=\"\(cost)\" data-y=\"\(f(row.accuracy, 4))\"><title>\(Self.escape(name)): $\(String(format: "%.4f", cost)), \(f(row.accuracy, 3))</title></circle>\n"
            svg += "</g>\n"
        }
        let unknown = summaries.filter { $0.meanCost == nil }.map { "\($0.strategy)/\($0.model)" }
        if !unknown.isEmpty {
            svg += "<text class=\"unknown-cost\" x=\"\(f(frame.left))\" y=\"\(f(frame.top - 2))\">cost unknown, not plotted: \(Self.escape(unknown.joined(separator: ", ")))</text>\n"
        }
        return svg + legend(frame: frame) + "</svg>"
    }

    func open(id: String, title: String, frame: Frame) -> String {
        "<svg id=\"\(id)\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(frame.width))\" height=\"\(Int(frame.height))\" viewBox=\"0 0 \(Int(frame.width)) \(Int(frame.height))\" role=\"img\" aria-label=\"\(title)\">\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(Int(frame.width))\" height=\"\(Int(frame.height))\" fill=\"#fff\"/>\n"
            + "<text x=\"\(f(frame.left))\" y=\"16\" style=\"font-weight:bold\">\(title)</text>\n"
    }

    func yAxis(frame: Frame, label: String) -> String {
        var svg = "<g class=\"axes\">\n"
        for tick in 0...4 {
            let fraction = Double(tick) / 4, y = frame.y(fraction)
            svg += "<line x1=\"\(f(frame.left))\" y1=\"\(f(y))\" x2=\"\(f(frame.left + frame.plotWidth))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(frame.left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(f(fraction, 2))</text>\n"
        }
        svg += "<line x1=\"\(f(frame.left))\" y1=\"\(f(frame.top))\" x2=\"\(f(frame.left))\" y2=\"\(f(frame.top + frame.plotHeight))\" stroke=\"#444\"/>\n"
        svg += "<line x1=\"\(f(frame.left))\" y1=\"\(f(frame.top + frame.plotHeight))\" x2=\"\(f(frame.left + frame.plotWidth))\" y2=\"\(f(frame.top + frame.plotHeight))\" stroke=\"#444\"/>\n"
        svg += "<text transform=\"translate(16 \(f(frame.y(0.5)))) rotate(-90)\" text-anchor=\"middle\">\(label)</text>\n"
        return svg + "</g>\n"
    }

    func legend(frame: Frame) -> String {
        var svg = "<g class=\"legend\">\n"
        for (index, entry) in series.enumerated() {
            let x = frame.width - frame.right + 16, y = frame.top + 10 + Double(index) * 20
            svg += "<g class=\"legend-item\" data-series=\"\(Self.escape(entry.name))\"><rect x=\"\(f(x))\" y=\"\(f(y - 9))\" width=\"14\" height=\"10\" fill=\"\(entry.color)\"/><text x=\"\(f(x + 20))\" y=\"\(f(y))\">\(Self.escape(entry.name))</text></g>\n"
        }
        return svg + "</g>\n"
    }

    func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}
