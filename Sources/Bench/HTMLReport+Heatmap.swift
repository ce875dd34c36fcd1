import Foundation

extension HTMLReport {
    /// Needle depth × context length heatmaps (mean score per cell), one per series, for the
    /// runs that have a needle depth; empty when none do.
    func depthHeatmaps() -> String {
        let placed = results.filter { $0.needleDepth != nil }
        guard !placed.isEmpty else { return "" }
        let depths = Array(Set(placed.compactMap(\.needleDepth))).sorted()
        let buckets = Array(Set(placed.map { BenchComparison.bucket($0.contextTokens) })).sorted()
        let cell = 34.0, left = 48.0, top = 34.0
        let width = left + Double(buckets.count) * cell + 10, height = top + Double(depths.count) * cell + 24
        var html = "<h2>Needle depth × context length</h2>\n<div class=\"charts\">\n"
        for (name, _) in series {
            let runs = placed.filter { $0.seriesName == name }
            guard !runs.isEmpty else { continue }
            html += "<svg class=\"heatmap\" data-series=\"\(Self.escape(name))\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
            html += "<text x=\"0\" y=\"14\" style=\"font-weight:bold\">\(Self.escape(name))</text>\n"
            for (row, depth) in depths.enumerated() {
                html += "<text x=\"\(f(left - 6))\" y=\"\(f(top + Double(row) * cell + cell / 2 + 4))\" text-anchor=\"end\">\(Int((depth * 100).rounded()))%</text>\n"
                for (column, bucket) in buckets.enumerated() {
                    let scores = runs.filter { $0.needleDepth == depth && BenchComparison.bucket($0.contextTokens) == bucket }.map(\.score)
                    guard !scores.isEmpty else { continue }
                    let score = scores.reduce(0, +) / Double(scores.count)
                    html += "<rect class=\"cell\" x=\"\(f(left + Double(column) * cell))\" y=\"\(f(top + Double(row) * cell))\" width=\"\(f(cell - 2))\" height=\"\(f(cell - 2))\" fill=\"\(Self.heat(score))\" data-depth=\"\(depth)\" data-context=\"\(bucket)\" data-score=\"\(f(score, 3))\"><title>depth \(f(depth, 2)), \(BenchComparison.label(bucket)): \(f(score, 3))</title></rect>\n"
                }
            }
            for (column, bucket) in buckets.enumerated() {
                html += "<text x=\"\(f(left + Double(column) * cell + cell / 2 - 1))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(BenchComparison.label(bucket))</text>\n"
            }
            html += "</svg>\n"
        }
        return html + "</div>"
    }

    /// Red (0) through yellow to green (1).
    static func heat(_ score: Double) -> String {
        let clamped = min(1, max(0, score))
        let red = clamped < 0.5 ? 215 : Int(215 - (clamped - 0.5) * 2 * 170)
        let green = clamped < 0.5 ? Int(60 + clamped * 2 * 140) : 200
        return String(format: "#%02x%02x%02x", red, green, 60)
    }
}
