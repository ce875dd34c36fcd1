import Foundation
import Testing
@testable import Bench

/// Renders the HTML report in headless Chromium (Debian package `chromium`, installed by
/// scripts/install-deps) and checks the charts from the DOM and from a screenshot's pixels.
@Suite(.serialized) struct HTMLReportChromiumTests {
    func writeReport(in temp: TemporaryDirectory) throws -> URL {
        let url = temp.url.appendingPathComponent("report.html")
        try HTMLReport(results: ResultFixtures.rows, title: "Test <report>").render().write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func pageIsSelfContained() throws {
        let page = HTMLReport(results: ResultFixtures.rows).render()
        #expect(!page.contains("<script"))
        #expect(!page.contains("src="))
        #expect(!page.contains("<link"))
        #expect(!page.contains("url("))
        #expect(page.contains("Test <report>") == false)
    }

    @Test func domHasBothChartsAndEverySeries() throws {
        let temp = TemporaryDirectory()
        let page = try writeReport(in: temp)
        let result = try HeadlessChromium.run(["--dump-dom", page.absoluteString], profile: temp.url.appendingPathComponent("profile"))
        #expect(result.status == 0, "chromium failed: \(result.stderr.suffix(500))")
        let dom = result.stdout
        #expect(dom.contains("<title>Test &lt;report&gt;</title>"))
        #expect(dom.contains("<svg id=\"chart-accuracy\""))
        #expect(dom.contains("<svg id=\"chart-cost\""))
        #expect(dom.components(separatedBy: "class=\"series\" data-series=\"rlm/offline\"").count - 1 == 3, "line, cost scatter, Pareto")
        #expect(dom.components(separatedBy: "class=\"series\" data-series=\"agent/gpt\"").count - 1 == 2, "unknown cost: line and Pareto (tokens)")
        #expect(dom.contains("cost unknown, not plotted: agent/gpt"))
        #expect(dom.components(separatedBy: "class=\"legend-item\"").count - 1 == 6)
        #expect(dom.contains("<svg id=\"chart-pareto\""))
        #expect(dom.contains("<th>95% CI</th>") && dom.contains("<pre id=\"analysis\">") && dom.contains("Paired differences (A − B"))
        #expect(!dom.contains("chart-reliability") && !dom.contains("chart-candidates") && !dom.contains("chart-recursion"),
                "no ν, no candidates, no recursion in these rows: those charts are left out")
        #expect(dom.components(separatedBy: "class=\"task-row\"").count - 1 == ResultFixtures.rows.count)
        #expect(dom.contains("data-series=\"rlm/offline\" data-points=\"2\""))
        #expect(dom.components(separatedBy: "<svg class=\"heatmap\"").count - 1 == 2)
        #expect(dom.components(separatedBy: "<rect class=\"cell\"").count - 1 == 4, "rlm: 4K, 8K; agent: 4K, 8K at depth 0.5")
        #expect(dom.contains("data-depth=\"0.5\" data-context=\"4096\" data-score=\"0.750\""))
    }

    @Test func screenshotShowsTheSeriesColours() throws {
        let temp = TemporaryDirectory()
        let page = try writeReport(in: temp)
        let png = temp.url.appendingPathComponent("shot.png")
        let result = try HeadlessChromium.run(["--window-size=1200,900", "--screenshot=\(png.path)", page.absoluteString],
                                  profile: temp.url.appendingPathComponent("profile"))
        #expect(result.status == 0, "chromium failed: \(result.stderr.suffix(500))")
        let size = try #require(try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int, "no screenshot written")
        #expect(size > 20_000, "screenshot is \(size) bytes: too small to hold the charts")
        // Count pixels of each series colour (agent/gpt #1f77b4, rlm/offline #d62728) with python3's zlib.
        let numbers = try HeadlessChromium.countPixels(in: png, colours: ["1f77b4", "d62728", "ffffff"])
        #expect(numbers[0] > 200, "agent/gpt colour barely visible: \(numbers[0]) pixels")
        #expect(numbers[1] > 200, "rlm/offline colour barely visible: \(numbers[1]) pixels")
        #expect(numbers[2] < 1200 * 900 * 98 / 100, "page is (almost) blank")
    }

    /// Rows with ν, SRLM candidates and sub-calls: the recursion-vs-reflection charts.
    static var reflectionRows: [BenchResult] {
        BenchAnalysisTests.results.map { row in
            var row = row
            if row.strategy == "agent" { row.strategy = "rlm"; row.depth = 1; row.subcalls = 3 }
            return row
        }
    }

    @Test func reflectionChartsInTheDOMAndOnScreen() throws {
        let temp = TemporaryDirectory()
        let url = temp.url.appendingPathComponent("reflection.html")
        try HTMLReport(results: Self.reflectionRows).render().write(to: url, atomically: true, encoding: .utf8)
        let result = try HeadlessChromium.run(["--dump-dom", url.absoluteString], profile: temp.url.appendingPathComponent("profile"))
        #expect(result.status == 0, "chromium failed: \(result.stderr.suffix(500))")
        let dom = result.stdout
        for id in ["chart-reliability", "chart-pareto", "chart-candidates", "chart-recursion"] {
            #expect(dom.contains("<svg id=\"\(id)\""), "\(id) missing")
        }
        // Reliability: rlm states 90 and is right 40%; srlm states 80 and is right 90%.
        #expect(dom.contains("data-series=\"rlm/m\" data-points=\"1\" data-ece=\"0.5000\""))
        #expect(dom.contains("data-x=\"0.9000\" data-y=\"0.4000\""))
        // Pareto: both are on the front (rlm cheaper, srlm more accurate).
        #expect(dom.components(separatedBy: "data-pareto=\"true\"").count - 1 == 2)
        // Candidates: 10 runs × 2; the 9 right "42"s chosen, the last task's "42" chosen but wrong.
        #expect(dom.components(separatedBy: "class=\"candidate\"").count - 1 == 20)
        #expect(dom.components(separatedBy: "data-correct=\"true\" data-chosen=\"true\"").count - 1 == 9)
        #expect(dom.components(separatedBy: "data-correct=\"false\" data-chosen=\"true\"").count - 1 == 1)
        #expect(dom.contains("data-correct=\"false\" data-chosen=\"false\" data-len=\"300\""))
        // Recursion: rlm has depth 1 and 3 sub-calls per run; srlm none.
        #expect(dom.contains("data-measure=\"depth\" data-value=\"1.000\""))
        #expect(dom.contains("data-measure=\"subcalls\" data-value=\"3.000\""))

        let png = temp.url.appendingPathComponent("shot.png")
        let shot = try HeadlessChromium.run(["--window-size=1300,2400", "--screenshot=\(png.path)", url.absoluteString],
                                profile: temp.url.appendingPathComponent("profile2"))
        #expect(shot.status == 0, "chromium failed: \(shot.stderr.suffix(500))")
        let numbers = try HeadlessChromium.countPixels(
            in: png, colours: [String(HTMLReport.rightColor.dropFirst()), String(HTMLReport.wrongColor.dropFirst())])
        #expect(numbers[0] > 40, "right candidates barely visible: \(numbers[0]) pixels")
        #expect(numbers[1] > 40, "wrong candidates barely visible: \(numbers[1]) pixels")
    }
}
