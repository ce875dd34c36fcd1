import Foundation
import SharedValues
import Testing
@testable import Shell

/// The trigram planner reads required literals out of patterns; never more than a match needs.
@Suite struct TrigramPlannerTests {
    func plan(_ pattern: String) -> String { TrigramPlanner.query(forPCRE: pattern).description }

    @Test func literalsAlternationsAndRequiredParts() {
        #expect(plan("hello") == "(\"hel\" \"ell\" \"llo\")")
        #expect(plan("HeLLo") == plan("hello"))  // folded, as the index is
        #expect(plan("foo|bars") == "(\"foo\"|(\"bar\" \"ars\"))")
        #expect(plan("\\w+tion\\b") == "(\"tio\" \"ion\")")
        #expect(plan("[0-9]{3}-[0-9]{4}") == "+")
        #expect(plan("colou?r") == "((\"col\" \"olo\" \"lou\" \"our\")|(\"col\" \"olo\" \"lor\"))")
        #expect(plan("(?<!\\w)(?:kmalloc)(?!\\w)") == plan("kmalloc"))
        #expect(plan("^struct [a-z_]+_ops\\b") == "(\"str\" \"tru\" \"ruc\" \"uct\" \"ct \" \"_op\" \"ops\")")
        #expect(plan("a.*b") == "+")
        #expect(plan("ab") == "+")
        #expect(plan("x*") == "+")
        #expect(plan("[Tt]he") == "\"the\"")
        #expect(plan("foo\\.bar") == "(\"foo\" \"oo.\" \"o.b\" \".ba\" \"bar\")")
        #expect(plan("\\x{e2}\\x{80}\\x{99}s") == TrigramQuery.anyOf([[0xe2, 0x80, 0x99, 0x73]]).description)
    }

    @Test func unreadableSyntaxMeansScan() {
        for pattern in ["(?x) h e l l o", "(?i)hello(", "\\p{L}abc", "(*UTF)abc", "[^abc]", "(a)\\1", "\\Qa.b\\E"] {
            let query = TrigramPlanner.query(forPCRE: pattern)
            if pattern == "\\Qa.b\\E" { #expect(query.description == "\"a.b\"") } else { #expect(query == .all, "\(pattern)") }
        }
        #expect(TrigramPlanner.query(anyOf: ["hello", "[0-9]"]) == .all)
        #expect(TrigramPlanner.query(anyOf: []) == .none)
    }
}

/// Building and reading the index; grep with it prints what grep without it prints.
@Suite(.serialized) struct TrigramIndexTests {
    static let words = ["alpha", "beta", "gamma", "Delta", "epsilon", "station", "nation", "kmalloc", "kfree", "foo.bar",
                        "under_score", "MAGIC", "magic", "x", "42", "1234", "q\tz", "tiontion", "Nationtions", "ab", "cd", "abcd"]

    /// Files that each draw from a few of the words, so most patterns rule most files out.
    static func files(count: Int, seed: UInt64) -> [String: String] {
        var generator = SeededGenerator(seed: seed)
        var files: [String: String] = [:]
        for file in 0..<count {
            let vocabulary = (0..<4).map { _ in words[Int(generator.next() % UInt64(words.count))] } + ["the", "The"]
            var lines: [String] = []
            for _ in 0..<(5 + Int(generator.next() % 30)) {
                let count = Int(generator.next() % 7)
                lines.append((0..<count).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }.joined(separator: " "))
            }
            let folder = file % 3 == 0 ? "docs" : (file % 3 == 1 ? "docs/sub" : "notes")
            files["\(folder)/f\(String(format: "%03d", file)).txt"] = lines.joined(separator: "\n") + (file % 5 == 0 ? "" : "\n")
        }
        return files
    }

    static let indexed = ShellLimits(maxOutputBytes: 1 << 24, imageMinimumFiles: 1, indexMinimumBytes: 0)
    static let scanned = ShellLimits(maxOutputBytes: 1 << 24, imageMinimumFiles: 1, indexMinimumBytes: Int.max)
    static let walked = ShellLimits(maxOutputBytes: 1 << 24, imageMinimumFiles: Int.max, indexMinimumBytes: Int.max)

    func image(_ corpus: CorpusFixture) throws -> CorpusImage {
        let summary = try #require(try corpus.session().buildSearchIndex())
        return try #require(CorpusImage.load(URL(fileURLWithPath: summary.imagePath)))
    }

    /// Fan-in 64 merges the runs at once; 2 and 3 merge them in groups, over several levels;
    /// 16-byte read buffers make varints and headers straddle refills.
    @Test(arguments: [(64, 64 << 10), (3, 16), (2, 4096)])
    func postingsAreExactlyTheFilesHoldingEachTrigram(fanIn: Int, runBuffer: Int) throws {
        let corpus = try CorpusFixture(Self.files(count: 120, seed: 7))
        let image = try image(corpus)
        let file = TrigramIndex.file(forImage: image.file)
        // Several batches and workers, so the merge of runs is exercised.
        #expect(TrigramIndex.batchRanges(image, batchBytes: 2048).count > 5)
        #expect(TrigramIndex.build(image, to: file, workers: 3, batchBytes: 2048, fanIn: fanIn, runBuffer: runBuffer))
        let index = try #require(TrigramIndex.load(file, image: image))
        var expected: [UInt32: [Int32]] = [:]
        for (number, entry) in image.entries.enumerated() {
            let bytes = Array(UnsafeBufferPointer(start: image.base + entry.offset, count: entry.length))
            var keys = Set<UInt32>()
            for start in stride(from: 0, to: max(0, bytes.count - 2), by: 1) where !bytes[start..<(start + 3)].contains(10) {
                keys.insert(TrigramQuery.key(bytes[start], bytes[start + 1], bytes[start + 2]))
            }
            for key in keys { expected[key, default: []].append(Int32(number)) }
        }
        #expect(index.trigramCount == expected.count)
        for (key, entries) in expected { #expect(index.postings(key) == entries) }
        // Intersecting a list with a trigram's files: through a bitmap (dense) or by merging.
        let odd = (0..<Int32(image.entries.count)).filter { $0 % 2 == 1 }
        for key in expected.keys.sorted().prefix(200) {
            let want = expected[key]!.filter { $0 % 2 == 1 }
            #expect(index.intersect(odd, with: key, bitmapFrom: 0) == want)
            #expect(index.intersect(odd, with: key, bitmapFrom: Int.max) == want)
        }
        #expect(index.postings(TrigramQuery.key(0x7f, 0x7f, 0x7f)).isEmpty)
        // A literal's candidates hold every file that contains it.
        let query = TrigramPlanner.query(forPCRE: "kmalloc")
        let candidates = try #require(index.candidates(query))
        for (number, entry) in image.entries.enumerated() {
            let text = String(decoding: UnsafeBufferPointer(start: image.base + entry.offset, count: entry.length), as: UTF8.self)
            if text.contains("kmalloc") { #expect(candidates.contains(Int32(number))) }
        }
        #expect(candidates.count < image.entries.count)
    }

    @Test func batchesSplitTheEntriesInOrder() throws {
        let corpus = try CorpusFixture(Self.files(count: 30, seed: 3))
        let image = try image(corpus)
        let ranges = TrigramIndex.batchRanges(image, batchBytes: 1000)
        #expect(ranges.count > 3)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == image.entries.count)
        for (left, right) in zip(ranges, ranges.dropFirst()) { #expect(left.upperBound == right.lowerBound) }
    }

    @Test func aKilledOrDamagedBuildIsNeverUsed() async throws {
        let corpus = try CorpusFixture(Self.files(count: 40, seed: 11))
        let image = try image(corpus)
        let file = TrigramIndex.file(forImage: image.file)
        let folder = file.deletingLastPathComponent()
        // What `kill -9` mid-build leaves: a temporary folder of a process that is gone.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let abandoned = folder.appendingPathComponent(".\(file.lastPathComponent).\(child.processIdentifier).1.tmp")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        try Data("half a run".utf8).write(to: abandoned.appendingPathComponent("run-000000"))
        // A damaged index (cut short) is refused, and grep still answers right.
        let whole = try Data(contentsOf: file)
        try whole.prefix(whole.count / 2).write(to: file)
        #expect(TrigramIndex.load(file, image: image) == nil)
        try Data("FSCTXTG1".utf8).write(to: file)
        #expect(TrigramIndex.load(file, image: image) == nil)
        try FileManager.default.removeItem(at: file)
        #expect(TrigramIndex.build(image, to: file))
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(TrigramIndex.load(file, image: image) != nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func grepWithTheIndexPrintsWhatTheScanPrints() async throws {
        let corpus = try CorpusFixture(Self.files(count: 60, seed: 5))
        let programs = ["grep -rn kmalloc", "grep -rn -i MAGIC .", "grep -rl -w nation docs", "grep -rn -E 'kfree|epsilon' notes docs",
                        "grep -rn -E '\\w+tion\\b' .", "grep -rn '[0-9]\\{3\\}' .", "grep -rc alpha docs", "grep -rL beta", "grep -rv -n gamma notes",
                        "grep -rq kfree", "grep -rq zzzz", "grep -r -C 1 -n Delta", "grep -rho 'foo.bar' .", "rg -n kmalloc", "rg -i -w DELTA",
                        "grep -r --include='f01*' -n the", "grep -rn -x 'alpha beta'", "grep -rn -F -e foo.bar -e under_score",
                        "grep -rn -P 'k(malloc|free)\\(' .", "grep -rm1 -n station .", "grep -rn nomatchanywhere", "rg -l -e epsilon -e kmalloc"]
        let indexedSession = try corpus.session(limits: Self.indexed)
        let walkedSession = try corpus.session(limits: Self.walked)
        for program in programs {
            let expected = await walkedSession.run(program)
            let actual = await indexedSession.run(program)
            #expect(actual.output == expected.output, "\(program)")
            #expect(actual.exitStatus == expected.exitStatus, "\(program)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.repository.gitDirectory.appendingPathComponent("fsctx/images").path)
        #expect(names.contains { $0.hasSuffix(".tri") })
        // The index did narrow: only candidate files are searched.
        let image = try image(corpus)
        for (arguments, narrows) in [(["-rn", "kmalloc"], true), (["-rw", "-i", "DELTA"], true), (["-rE", "\\w+tion\\b"], true),
                                     (["-r", "[0-9]\\{3\\}"], false), (["-rc", "kmalloc"], false), (["-rv", "kmalloc"], false)] {
            let invocation = try GrepInvocation.parseGrep(arguments).get()
            let candidates = invocation.indexCandidates(image, patterns: invocation.patterns, limits: Self.indexed)
            #expect((candidates.map { $0.count < image.entries.count } ?? false) == narrows, "\(arguments)")
        }
    }

    /// A word in every file is scanned, not looked up file by file; a rare literal uses the index.
    @Test func commonWordsFallBackToTheScan() async throws {
        var files = Self.files(count: 50, seed: 23)
        // "common" in every file, "zebra" in four of five.
        for (number, name) in files.keys.sorted().enumerated() {
            files[name] = "common ground\n" + (number % 5 == 0 ? "" : "zebra\n") + files[name]!
        }
        files["docs/rare.txt"] = "common ground\nonly here: zyzzyva\n"
        let corpus = try CorpusFixture(files)
        let image = try image(corpus)
        let index = try #require(TrigramIndex.load(TrigramIndex.file(forImage: image.file), image: image))
        func plan(_ arguments: [String]) throws -> TrigramIndex.Plan {
            let invocation = try GrepInvocation.parseGrep(arguments).get()
            return invocation.indexPlan(image, patterns: invocation.patterns, limits: Self.indexed)
        }
        // Every file holds every trigram of "common": the posting counts alone decide.
        #expect(try plan(["-rn", "common"]) == .scan(coverage: 1, estimated: true))
        #expect(index.bounds(TrigramPlanner.query(forPCRE: "common")).least == image.entries.count)
        #expect(try plan(["-rn", "zyzzyva"]).candidates?.count == 1)
        // An OR with a common side is as common; a single trigram's count is exact.
        let ground = TrigramPlanner.query(forPCRE: "ground|zyzzyva")
        #expect(index.plan(ground) == .scan(coverage: 1, estimated: true))
        let the = TrigramPlanner.query(forPCRE: "\\bthe\\b")
        let theCount = try #require(index.candidates(the)).count
        #expect(theCount > image.entries.count * 3 / 4)
        if case .scan(let coverage, _) = index.plan(the, scanCoverage: 0.75) { #expect(coverage == Double(theCount) / Double(image.entries.count)) }
        else { Issue.record("\\bthe\\b was not scanned at 75%") }
        // Each of "zebra"'s trigrams misses a fifth of the files: only the intersection shows it is common.
        let zebras = files.values.filter { $0.contains("zebra") }.count
        #expect(index.bounds(TrigramPlanner.query(forPCRE: "zebra")).least < image.entries.count / 2)
        #expect(index.plan(TrigramPlanner.query(forPCRE: "zebra"), scanCoverage: 0.7)
                == .scan(coverage: Double(zebras) / Double(image.entries.count), estimated: false))
        #expect(index.plan(TrigramPlanner.query(forPCRE: "zebra"), scanCoverage: 0.9).candidates?.count == zebras)
        // The coverage threshold is what decides.
        #expect(index.plan(the, scanCoverage: 1.01).candidates?.count == theCount)
        #expect(index.plan(TrigramPlanner.query(forPCRE: "kmalloc"), scanCoverage: 0).candidates == nil)
        // Bytes decide, not files: "zebra"'s files weighing nothing leave it narrow at 70%.
        #expect(index.plan(TrigramPlanner.query(forPCRE: "zebra"), scanCoverage: 0.7, bytes: { _, _ in 0 }, totalSize: 100).candidates?.count == zebras)
        // With the image's sizes: the scan when the candidates hold at least 90% of the bytes.
        let zebraBytes = try #require(index.candidates(TrigramPlanner.query(forPCRE: "zebra"))).reduce(0) { $0 + image.entries[Int($1)].length + 1 }
        let share = Double(zebraBytes) / Double(image.length - CorpusImage.headerSize)
        #expect(share > 0.5 && share < 1)
        #expect((try plan(["-rn", "zebra"]).candidates == nil) == (share >= TrigramIndex.scanCoverage))
        // The output is the same either way.
        for program in ["grep -rn common", "grep -rn -w the", "grep -rl zyzzyva"] {
            let expected = await (try corpus.session(limits: Self.walked)).run(program)
            let actual = await (try corpus.session(limits: Self.indexed)).run(program)
            #expect(actual.output == expected.output, "\(program)")
        }
    }

    /// A rare trigram first, then lists too long to be worth decoding: the candidates stay a
    /// superset (the search checks them), and the output is the scan's.
    @Test func longListsAreNotDecodedToNarrowAFewSmallFiles() async throws {
        var files = Self.files(count: 40, seed: 29)
        for name in files.keys { files[name]! += "a zebra passed\n" }
        files["docs/hit.txt"] = "xq7 zebra\n"
        files["docs/near.txt"] = "xq7 okapi\n"
        let corpus = try CorpusFixture(files)
        let image = try image(corpus)
        let index = try #require(TrigramIndex.load(TrigramIndex.file(forImage: image.file), image: image))
        let query = TrigramPlanner.query(forPCRE: "xq7.*zebra")
        let hit = try #require((0..<image.entries.count).first { image.path($0) == "docs/hit.txt" })
        // Every list intersected: only the file that holds every trigram.
        #expect(index.candidates(query) == [Int32(hit)])
        // With sizes: "zeb" is in 41 files (656 bytes' worth of decoding); the two "xq7" files hold 20 bytes.
        let sized = try #require(index.candidates(query, bytes: { image.bytes(Int($0)...Int($1)) }))
        #expect(sized.count == 2 && sized.contains(Int32(hit)))
        #expect(TrigramIndex.worthDecoding(1, toNarrow: sized, bytes: { 10 * Int($1 - $0 + 1) }))
        #expect(!TrigramIndex.worthDecoding(41, toNarrow: sized, bytes: { 10 * Int($1 - $0 + 1) }))
        // Stretches of consecutive entries are summed whole, and the sum stops at the limit.
        #expect(TrigramIndex.bytes(of: [1, 2, 3, 7, 9, 10], { Int($1 - $0 + 1) * 100 + 1 }) == 603)
        #expect(TrigramIndex.bytes(of: [1, 2, 3, 7, 9, 10], { Int($1 - $0 + 1) * 100 + 1 }, upTo: 300) == 301)
        #expect(image.bytes(0...(image.entries.count - 1)) == image.length - CorpusImage.headerSize)
        for program in ["grep -rn 'xq7.*zebra'", "grep -rl -i 'XQ7.*ZEBRA' .", "rg -n 'xq7.*(zebra|okapi)'"] {
            let expected = await (try corpus.session(limits: Self.walked)).run(program)
            let actual = await (try corpus.session(limits: Self.indexed)).run(program)
            #expect(actual.output == expected.output, "\(program)")
            #expect(!actual.output.isEmpty, "\(program)")
        }
    }

    /// Every flag and pattern of the GNU differential test, recursively, with the index and without.
    @Test(.enabled(if: gnuToolsPresent, "needs GNU grep"), arguments: DifferentialTests.grepFlags)
    func recursiveGrepMatchesGNUWithAndWithoutTheIndex(flags: String) async throws {
        let corpus = Self.fixture
        for pattern in DifferentialTests.grepPatterns + ["-w kmalloc", "-i 'kmalloc\\|delta'", "-E 'k(malloc|free)'", "'[0-9]\\{3\\}-[0-9]'"] {
            let program = "grep -r \(flags) \(pattern) docs notes"
            let theirs = try run("/usr/bin/env", ["LC_ALL=C", "bash", "-c", program], in: corpus.root)
            let sortedTheirs = theirs.stdout.split(separator: "\n").sorted()
            for limits in [Self.indexed, Self.scanned] {
                let ours = try await corpus.run(program, limits: limits)
                #expect(ours.output.split(separator: "\n").sorted() == sortedTheirs, "\(program) index: \(limits == Self.indexed)")
                #expect(ours.exitStatus == theirs.status, "\(program): status")
            }
        }
    }

    static let fixture: CorpusFixture = try! CorpusFixture(files(count: 45, seed: 19))
}
