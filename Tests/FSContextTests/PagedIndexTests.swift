import Foundation
import Testing
@testable import FSContext

/// Index pages of big corpora are split so no page holds more than `indexPageRows` rows; the
/// page size is small here so a few thousand generated files exercise every kind of split.
@Suite("Paged index pages")
struct PagedIndexTests {
    /// The table rows (`| … |` lines after the header rows) of a page.
    private func rows(_ page: String) -> [String] {
        page.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| ") && !$0.hasPrefix("| file |") && !$0.hasPrefix("| folder |") }
    }

    /// Follows a folder's chain of pages from its first page; returns every row and the pages read.
    private func chain(_ repository: CorpusRepository, first: String) throws -> (rows: [String], pages: [String]) {
        var all: [String] = [], pages: [String] = []
        var next: String? = first
        while let path = next {
            let text = try repository.readText(path: path)
            pages.append(path)
            all += rows(text)
            next = text.range(of: "the next page is `([^`]+)`", options: .regularExpression).map {
                String(text[$0].dropFirst("the next page is `".count).dropLast())
            }
        }
        return (all, pages)
    }

    @Test("2,345 documents with 100 rows a page: every folder's files are listed once, 100 to a page, pages chained")
    func documentsPaged() throws {
        let dir = TemporaryDirectory()
        let text = (1...2345).map { #"{"id":"d\#($0)","title":"Doc \#($0)","text":"document \#($0)"}"# }.joined(separator: "\n") + "\n"
        let input = try writeInput(dir, "many.jsonl", Array(text.utf8))
        let target = dir.url.appendingPathComponent("c")
        var options = MaterializeOptions(inputs: [input])
        options.indexPageRows = 100
        let result = try Materializer(options).run(into: target)
        #expect(result.files == 2345)
        let repository = try CorpusRepository.open(at: target)
        let root = try repository.readText(path: "INDEX.md")
        #expect(rows(root).count == 3)  // docs/000, docs/001, docs/002
        for (folder, count) in [("docs/000", 1000), ("docs/001", 1000), ("docs/002", 345)] {
            #expect(root.contains("| \(folder)/ | \(count) |"))
            let (listed, pages) = try chain(repository, first: CorpusIndexPage.folderPagePath(folder))
            #expect(pages.count == (count + 99) / 100)
            #expect(listed.count == count)
            #expect(Set(listed.map { $0.split(separator: "|")[0] }).count == count)  // no file twice
            for page in pages { #expect(rows(try repository.readText(path: page)).count <= 100) }
        }
        #expect(try repository.readText(path: CorpusIndexPage.folderPagePath("docs/002")).contains("345 files"))
        #expect(try repository.readText(path: ".fsctx/index/docs/002/INDEX-4.md").contains("Files 301–345 of `docs/002/`"))
        #expect(try git(["status", "--porcelain"], in: target).stdout.isEmpty)
        #expect(try git(["fsck", "--strict"], in: target).status == 0)
    }

    @Test("a mirror with more folders and root files than a page holds: the folder list and the root's files continue on pages")
    func mirrorPaged() throws {
        let dir = TemporaryDirectory()
        for folder in 0..<7 {
            for file in 0..<12 { try writeInput(dir, "src/f\(folder)/n\(file).txt", Array("folder \(folder) file \(file)\n".utf8)) }
            try writeInput(dir, "src/f\(folder)/deep/x.txt", Array("deep \(folder)\n".utf8))
        }
        for file in 0..<8 { try writeInput(dir, "src/r\(file).txt", Array("root \(file)\n".utf8)) }
        let target = dir.url.appendingPathComponent("c")
        var options = MaterializeOptions(inputs: [dir.url.appendingPathComponent("src").path])
        options.indexPageRows = 5
        let result = try Materializer(options).run(into: target)
        #expect(result.files == 7 * 13 + 8)
        let repository = try CorpusRepository.open(at: target)
        // 14 folders with files (f0…f6 and their deep/): 5 on the root page, then folders-2 and folders-3.
        let folders = try chain(repository, first: "INDEX.md")
        #expect(folders.pages == ["INDEX.md", ".fsctx/index/folders-2.md", ".fsctx/index/folders-3.md"])
        let folderRows = folders.rows.filter { $0.contains(".fsctx/index/f") }
        #expect(folderRows.count == 14)
        // The root's own files: 5 on the root page, 3 on the next.
        let root = try repository.readText(path: "INDEX.md")
        #expect(root.contains("8 files at the root") && root.contains(".fsctx/index/INDEX-2.md"))
        #expect(rows(try repository.readText(path: ".fsctx/index/INDEX-2.md")).count == 3)
        // A folder of 12 files: pages of 5, 5 and 2, every file once.
        let f3 = try chain(repository, first: CorpusIndexPage.folderPagePath("f3"))
        #expect(f3.pages == [".fsctx/index/f3/INDEX.md", ".fsctx/index/f3/INDEX-2.md", ".fsctx/index/f3/INDEX-3.md"])
        #expect(f3.rows.map { String($0.split(separator: "|")[0]).trimmingCharacters(in: .whitespaces) }
            == (0..<12).map { "n\($0).txt" }.sorted())
        #expect(try repository.readText(path: CorpusIndexPage.folderPagePath("f3/deep")).contains("| x.txt |"))
        #expect(try git(["status", "--porcelain"], in: target).stdout.isEmpty)
        #expect(try git(["fsck", "--strict"], in: target).status == 0)
    }
}
