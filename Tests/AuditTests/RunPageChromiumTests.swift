import Audit
import FSContext
import Foundation
import Recursion
import Testing

/// `fsctx view --html` rendered in headless Chromium (Debian package `chromium`, installed by
/// scripts/install-deps): the DOM holds the tree, and a screenshot shows it.
@Suite(.serialized) struct RunPageChromiumTests {
    func page(_ corpus: CorpusFixture) async throws -> (html: String, steps: Int) {
        _ = try await RunImporter.importLogs([fixture("claude-code/session.jsonl")], into: corpus.url, options: ImportOptions(runID: "view-1"))
        let catalog = try RunCatalog(repositoryAt: corpus.url)
        return (try RunPage(catalog: catalog, runID: "view-1").render(), try catalog.steps("view-1").count)
    }

    @Test func pageIsSelfContainedAndEscaped() async throws {
        let corpus = try CorpusFixture()
        let (html, _) = try await page(corpus)
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("cat docs/0003.txt | head -20"))
        #expect(!html.contains("<request interrupted"))
    }

    @Test func domHasTheTreeEveryStepAndTheEvidence() async throws {
        let corpus = try CorpusFixture()
        let (html, steps) = try await page(corpus)
        let file = corpus.url.appendingPathComponent("view.html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        let result = try HeadlessChromium.run(["--dump-dom", file.absoluteString], profile: corpus.url.appendingPathComponent("profile"))
        #expect(result.status == 0, "chromium failed: \(result.stderr.suffix(500))")
        let dom = result.stdout
        #expect(dom.components(separatedBy: "class=\"agent\"").count - 1 == 3)
        #expect(dom.contains("data-agent=\"root/task-1\"") && dom.contains("data-agent=\"root/task-2\""))
        #expect(dom.components(separatedBy: "data-step=\"").count - 1 == steps)
        #expect(dom.contains("data-evidence-step="))
        #expect(dom.contains("<span class=\"yes\">grounded</span>"))
        // Sub-agents nest inside their parent's node.
        let root = try #require(dom.range(of: "data-agent=\"root\""))
        let child = try #require(dom.range(of: "data-agent=\"root/task-1\""))
        #expect(root.lowerBound < child.lowerBound)
    }

    @Test func screenshotShowsThePage() async throws {
        let corpus = try CorpusFixture()
        let (html, _) = try await page(corpus)
        let file = corpus.url.appendingPathComponent("view.html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        let png = corpus.url.appendingPathComponent("view.png")
        let result = try HeadlessChromium.run(["--window-size=1000,800", "--screenshot=\(png.path)", file.absoluteString],
                                  profile: corpus.url.appendingPathComponent("profile"))
        #expect(result.status == 0, "chromium failed: \(result.stderr.suffix(500))")
        let size = try #require(try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int, "no screenshot written")
        #expect(size > 15_000, "screenshot is \(size) bytes: too small to hold the page")
        // The agent nodes' blue border (#4c6ef5) is on screen.
        let blue = try HeadlessChromium.countPixels(in: png, colours: ["4c6ef5"], tolerance: 23)
        #expect(blue[0] > 100, "agent borders barely visible: \(blue[0]) pixels")
    }
}
