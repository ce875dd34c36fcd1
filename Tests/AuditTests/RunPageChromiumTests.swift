import Audit
import FSContext
import Foundation
import Recursion
import Testing

/// `fsctx view --html` rendered in headless Chromium (Debian package `chromium`, installed by
/// scripts/install-deps): the DOM holds the tree, and a screenshot shows it.
@Suite(.serialized) struct RunPageChromiumTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    func chromium(_ arguments: [String], profile: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let path = try #require(Self.chromium, "chromium is not installed: run scripts/install-deps (apt-get install chromium) — this test does not skip")
        return try run("/usr/bin/timeout", ["90", path, "--headless", "--no-sandbox", "--disable-gpu",
                                            "--user-data-dir=\(profile.path)", "--hide-scrollbars"] + arguments)
    }

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
        let result = try chromium(["--dump-dom", file.absoluteString], profile: corpus.url.appendingPathComponent("profile"))
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
        let result = try chromium(["--window-size=1000,800", "--screenshot=\(png.path)", file.absoluteString],
                                  profile: corpus.url.appendingPathComponent("profile"))
        #expect(result.status == 0, "chromium failed: \(result.stderr.suffix(500))")
        let size = try #require(try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int, "no screenshot written")
        #expect(size > 15_000, "screenshot is \(size) bytes: too small to hold the page")
        // The agent nodes' blue border (#4c6ef5) is on screen.
        let script = """
        import struct, zlib, sys
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
        pos, idat, width, height = 8, b'', 0, 0
        while pos < len(data):
            length = struct.unpack('>I', data[pos:pos+4])[0]; kind = data[pos+4:pos+8]; body = data[pos+8:pos+8+length]
            if kind == b'IHDR': width, height, depth, colour = struct.unpack('>IIBB', body[:10])
            if kind == b'IDAT': idat += body
            pos += 12 + length
        raw = zlib.decompress(idat); bpp = 4 if colour == 6 else 3; stride = width * bpp
        rows, prev, found, i = [], bytearray(stride), 0, 0
        for y in range(height):
            f = raw[i]; line = bytearray(raw[i+1:i+1+stride]); i += 1 + stride
            for x in range(stride):
                a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
                if f == 1: line[x] = (line[x] + a) & 255
                elif f == 2: line[x] = (line[x] + b) & 255
                elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, bpp):
                r, g, bl = line[x], line[x+1], line[x+2]
                if abs(r-0x4c) < 24 and abs(g-0x6e) < 24 and abs(bl-0xf5) < 24: found += 1
            prev = line
        print(found)
        """
        let counted = try run("/usr/bin/python3", ["-c", script, png.path])
        #expect(counted.status == 0, "\(counted.stderr)")
        #expect((Int(counted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 100)
    }
}
