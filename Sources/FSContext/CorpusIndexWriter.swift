import Foundation

/// Writes the pages an agent reads first: what the corpus is, how it is laid out, counts and
/// sizes, and a table of files with titles. When there are more files than one page holds, the
/// root page lists folders and each folder gets a page under `.fsctx/index/` (never among the
/// source's own files). No page holds more than `pageRows` rows: a bigger folder continues on
/// `.fsctx/index/<folder>/INDEX-2.md`, …, a longer folder list on `.fsctx/index/folders-2.md`, ….
///
/// Files come in git's order (`add`), pages go out as soon as they are complete (`emit`), so
/// memory holds one page per open folder and one summary row per folder, never every file.
/// The root page is `rootPage` (see `CorpusIndexPage`).
struct CorpusIndexWriter {
    let plans: [InputPlan]
    let options: MaterializeOptions
    let counters: MaterializeSession.Counters
    let rootPage: String
    let fileCount: Int
    let totalBytes: Int
    let totalLines: Int
    let pageRows: Int
    private let emit: (_ path: String, _ content: String) throws -> Void

    /// Files listed on one page by default (`MaterializeOptions.indexPageRows`).
    static let pageLimit = 1000

    private struct Row { let record: Int; let text: String }
    private struct Summary { let folder: String; let files: Int; let bytes: Int; let firstTitle: String; let lastTitle: String }
    private final class Frame {
        let folder: String
        var files = 0, bytes = 0
        var firstTitle = "", lastTitle = ""
        var firstPage = ""
        var page = ""
        var pageNumber = 1
        var rowsOnPage = 0
        init(folder: String) { self.folder = folder }
    }

    private var singlePage: [Row] = []
    private var frames: [Frame] = []
    private var summaries: [Summary] = []

    init(plans: [InputPlan], options: MaterializeOptions, counters: MaterializeSession.Counters, rootPage: String,
         fileCount: Int, totalBytes: Int, totalLines: Int, pageRows: Int = CorpusIndexWriter.pageLimit,
         emit: @escaping (_ path: String, _ content: String) throws -> Void) {
        (self.plans, self.options, self.counters, self.rootPage) = (plans, options, counters, rootPage)
        (self.fileCount, self.totalBytes, self.totalLines, self.pageRows) = (fileCount, totalBytes, totalLines, max(1, pageRows))
        self.emit = emit
    }

    private var split: Bool { fileCount > pageRows }

    /// Adds the next file (in git's order of paths); `record` is its number in corpus order.
    mutating func add(record: Int, path: String, title: String, size: Int, lines: Int) throws {
        guard split else {
            singlePage.append(Row(record: record, text: row(path, size, lines, title)))
            return
        }
        let folder = CorpusIndexWriter.folder(of: path)
        while let top = frames.last, top.folder != folder, !(top.folder.isEmpty || folder.hasPrefix(top.folder + "/")) {
            try close(frames.removeLast())
        }
        if frames.last?.folder != folder { frames.append(Frame(folder: folder)) }
        let frame = frames[frames.count - 1]
        if frame.rowsOnPage == pageRows {
            try turnPage(frame, more: true)
        }
        if frame.files == 0 { frame.firstTitle = title }
        frame.lastTitle = title
        frame.files += 1
        frame.bytes += size
        frame.rowsOnPage += 1
        frame.page += row(folder.isEmpty ? path : String(path.dropFirst(folder.count + 1)), size, lines, title)
    }

    /// Emits the remaining pages, the root page last.
    mutating func finish() throws {
        guard split else {
            let rows = singlePage.sorted { $0.record < $1.record }.map(\.text).joined()
            try emit(rootPage, header() + CorpusIndexWriter.tableHead + rows)
            return
        }
        var rootFiles: Frame?
        while let frame = frames.popLast() {
            if frame.folder.isEmpty { rootFiles = frame; try finishRootFiles(frame) } else { try close(frame) }
        }
        summaries.sort { $0.folder < $1.folder }
        var root = header() + "## Folders\n\nEach folder's files are listed on its own page, "
            + "`\(CorpusIndexPage.folderPagePath("<folder>"))` (read it by that name: `.fsctx/` is hidden from `ls` and `grep -r`).\n\n"
        let folderPages = max(1, (summaries.count + pageRows - 1) / pageRows)
        if folderPages > 1 {
            root += "\(summaries.count) folders, listed \(pageRows) to a page: this page has folders 1–\(pageRows); "
                + "the next page is `\(CorpusIndexPage.continuationPath(folder: nil, page: 2))`.\n\n"
        }
        for page in 1...folderPages {
            let slice = summaries[((page - 1) * pageRows)..<min(summaries.count, page * pageRows)]
            var table = "| folder | files | bytes | first title | last title | page |\n|---|---:|---:|---|---|---|\n"
            for summary in slice {
                table += "| \(cell(summary.folder))/ | \(summary.files) | \(summary.bytes) | \(cell(summary.firstTitle)) | "
                    + "\(cell(summary.lastTitle)) | \(cell(CorpusIndexPage.folderPagePath(summary.folder))) |\n"
            }
            if page == 1 { root += table; continue }
            var text = "# Folders of the corpus (page \(page) of \(folderPages))\n\n"
                + "Folders \(slice.startIndex + 1)–\(slice.endIndex) of \(summaries.count). The corpus overview is in `/\(rootPage)`"
            text += page < folderPages ? "; the next page is `\(CorpusIndexPage.continuationPath(folder: nil, page: page + 1))`.\n\n" : ".\n\n"
            try emit(CorpusIndexPage.continuationPath(folder: nil, page: page), text + table)
        }
        if let rootFiles {
            root += "\n" + rootFiles.firstPage
            if rootFiles.pageNumber > 1 {
                root += "\n\(rootFiles.files) files at the root, listed \(pageRows) to a page; the next page is "
                    + "`\(CorpusIndexPage.continuationPath(folder: "", page: 2))`.\n"
            }
        }
        try emit(rootPage, root)
    }

    /// The root's own files (a split mirror): their first page goes on the root page.
    private func finishRootFiles(_ frame: Frame) throws {
        if frame.pageNumber > 1 { try turnPage(frame, more: false) } else {
            frame.firstPage = CorpusIndexWriter.tableHead + frame.page
        }
    }

    /// A folder is complete: its last page and first page go out, its summary is kept.
    private mutating func close(_ frame: Frame) throws {
        if frame.pageNumber > 1 { try turnPage(frame, more: false) } else { frame.firstPage = CorpusIndexWriter.tableHead + frame.page }
        summaries.append(Summary(folder: frame.folder, files: frame.files, bytes: frame.bytes, firstTitle: frame.firstTitle, lastTitle: frame.lastTitle))
        var text = "# Index of \(frame.folder)/\n\n\(frame.files) files, \(frame.bytes) bytes. The corpus overview is in `/\(rootPage)`.\n\n"
        if frame.pageNumber > 1 {
            text += "Listed \(pageRows) to a page (\(frame.pageNumber) pages): this page has files 1–\(pageRows); the next page is "
                + "`\(CorpusIndexPage.continuationPath(folder: frame.folder, page: 2))`.\n\n"
        }
        try emit(CorpusIndexPage.folderPagePath(frame.folder), text + frame.firstPage)
    }

    /// Ends the frame's current page: the first is kept for the folder's own page (written when
    /// the folder closes, with its totals); a later one is written now.
    private func turnPage(_ frame: Frame, more: Bool) throws {
        let table = CorpusIndexWriter.tableHead + frame.page
        if frame.pageNumber == 1 {
            frame.firstPage = table
        } else {
            let first = (frame.pageNumber - 1) * pageRows + 1
            let name = frame.folder.isEmpty ? "the corpus root" : "`\(frame.folder)/`"
            let firstPage = frame.folder.isEmpty ? "/\(rootPage)" : CorpusIndexPage.folderPagePath(frame.folder)
            var text = "# Index of \(frame.folder.isEmpty ? "/" : frame.folder + "/") (page \(frame.pageNumber))\n\n"
                + "Files \(first)–\(first + frame.rowsOnPage - 1) of \(name); its first page, with the totals, is `\(firstPage)`"
            text += more ? "; the next page is `\(CorpusIndexPage.continuationPath(folder: frame.folder, page: frame.pageNumber + 1))`.\n\n" : ".\n\n"
            try emit(CorpusIndexPage.continuationPath(folder: frame.folder, page: frame.pageNumber), text + table)
        }
        if more {
            frame.pageNumber += 1
            frame.page = ""
            frame.rowsOnPage = 0
        }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    private static let tableHead = "## Files\n\n| file | bytes | lines | title or first line |\n|---|---:|---:|---|\n"

    private func row(_ shown: String, _ size: Int, _ lines: Int, _ title: String) -> String {
        "| \(cell(shown)) | \(size) | \(lines) | \(cell(title)) |\n"
    }

    private func header() -> String {
        let (bytes, lines) = (totalBytes, totalLines)
        var text = "# Corpus index\n\n"
        let inputList = plans.map { "`\($0.isStdin ? "stdin" : $0.path)` (\(describe($0.kind)))" }.joined(separator: ", ")
        text += "Materialized by fsctx \(FSContextVersion.current) from \(plans.count == 1 ? "1 input" : "\(plans.count) inputs"): \(inputList).\n\n"
        text += "Layout:\n"
        for plan in plans {
            let base = CorpusLayout.base(for: plan, inputCount: plans.count)
            text += "- " + describe(plan.layout, base: base) + "\n"
        }
        text += "\nFiles: \(fileCount) (\(bytes) bytes, \(lines) lines).\n"
        var skipped: [String] = []
        if counters.binary > 0 { skipped.append("\(counters.binary) binary files") }
        if counters.git > 0 { skipped.append("\(counters.git) .git folders") }
        if counters.other > 0 { skipped.append("\(counters.other) symlinks or special files") }
        if counters.badLines > 0 { skipped.append("\(counters.badLines) malformed JSONL lines") }
        if !skipped.isEmpty { text += "Skipped: " + skipped.joined(separator: ", ") + ".\n" }
        if counters.replaced > 0 { text += "Invalid UTF-8: \(counters.replaced) sequences replaced by U+FFFD.\n" }
        if counters.invalidUTF8Files > 0 {
            text += "Invalid UTF-8: \(counters.invalidUTF8Files) files hold some, kept byte for byte (tools show it as U+FFFD).\n"
        }
        text += "\nProvenance: `.fsctx/manifest.jsonl` maps every file to its source, byte range and line range; "
        text += "the options used are in `.fsctx/corpus.json`.\n\n"
        return text
    }

    private func describe(_ kind: InputPlan.Kind) -> String {
        switch kind {
        case .jsonl: "JSONL documents"
        case .text: "text"
        case .directory: "directory"
        case .singleFile: "file"
        }
    }

    private func describe(_ layout: MaterializeOptions.Layout, base: String) -> String {
        switch layout {
        case .documents, .auto:
            "`\(base)/`: one file per JSONL document, `NNNN-<title-slug>.txt`, in input order (in folders of 1,000 when there are more)."
        case .chunks:
            "`\(base)/`: line-preserving chunks of about \(options.chunkBytes) bytes, `NNNN.txt`, in reading order; cuts fall before headings or after blank lines where possible (in folders of 1,000 when there are more)."
        case .mirror:
            "`\(base.isEmpty ? "." : base)/`: the input's own files and folders, mirrored byte for byte (text files only)."
        }
    }

    private func cell(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "|")) ? text.replacingOccurrences(of: "|", with: "\\|") : text
    }
}
