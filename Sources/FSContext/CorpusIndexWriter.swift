import Foundation

/// Writes the pages an agent reads first: what the corpus is, how it is laid out, counts and
/// sizes, and a table of files with titles. When there are more files than one page holds, the
/// root page lists folders and each folder gets a page under `.fsctx/index/` (never among the
/// source's own files). The root page is `rootPage` (see `CorpusIndexPage`).
struct CorpusIndexWriter {
    let plans: [InputPlan]
    let options: MaterializeOptions
    let records: [CorpusFileRecord]
    let counters: MaterializeSession.Counters
    var rootPage = CorpusIndexPage.rootPath

    /// Files listed on one page before the index splits per folder.
    static let pageLimit = 1000

    /// The folders (`""`: root) that get an `INDEX.md`.
    func indexFolders() -> [String] {
        guard records.count > CorpusIndexWriter.pageLimit else { return [""] }
        var folders: Set<String> = [""]
        for record in records { folders.insert(CorpusIndexWriter.folder(of: record.path)) }
        return folders.sorted()
    }

    /// `(path, content)` of every index page.
    func pages() -> [(path: String, content: String)] {
        let folders = indexFolders()
        if folders == [""] { return [(rootPage, header() + fileTable(records, relativeTo: ""))] }
        var byFolder: [String: [CorpusFileRecord]] = [:]
        for record in records { byFolder[CorpusIndexWriter.folder(of: record.path), default: []].append(record) }
        var root = header() + "## Folders\n\nEach folder's files are listed on its own page, "
            + "`\(CorpusIndexPage.folderPagePath("<folder>"))` (read it by that name: `.fsctx/` is hidden from `ls` and `grep -r`).\n\n"
        root += "| folder | files | bytes | first title | last title | page |\n|---|---:|---:|---|---|---|\n"
        for folder in folders where !folder.isEmpty {
            let list = byFolder[folder] ?? []
            root += "| \(cell(folder))/ | \(list.count) | \(list.reduce(0) { $0 + $1.size }) | \(cell(list.first?.title ?? "")) | "
                + "\(cell(list.last?.title ?? "")) | \(cell(CorpusIndexPage.folderPagePath(folder))) |\n"
        }
        if let top = byFolder[""], !top.isEmpty { root += "\n" + fileTable(top, relativeTo: "") }
        var pages = [(rootPage, root)]
        for folder in folders where !folder.isEmpty {
            let list = byFolder[folder] ?? []
            let page = "# Index of \(folder)/\n\n\(list.count) files, \(list.reduce(0) { $0 + $1.size }) bytes. "
                + "The corpus overview is in `/\(rootPage)`.\n\n" + fileTable(list, relativeTo: folder)
            pages.append((CorpusIndexPage.folderPagePath(folder), page))
        }
        return pages
    }

    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    private func header() -> String {
        let bytes = records.reduce(0) { $0 + $1.size }
        let lines = records.reduce(0) { $0 + $1.lines }
        var text = "# Corpus index\n\n"
        let inputList = plans.map { "`\($0.isStdin ? "stdin" : $0.path)` (\(describe($0.kind)))" }.joined(separator: ", ")
        text += "Materialized by fsctx \(FSContextVersion.current) from \(plans.count == 1 ? "1 input" : "\(plans.count) inputs"): \(inputList).\n\n"
        text += "Layout:\n"
        for plan in plans {
            let base = CorpusLayout.base(for: plan, inputCount: plans.count)
            text += "- " + describe(plan.layout, base: base) + "\n"
        }
        text += "\nFiles: \(records.count) (\(bytes) bytes, \(lines) lines).\n"
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

    private func fileTable(_ list: [CorpusFileRecord], relativeTo folder: String) -> String {
        var text = "## Files\n\n| file | bytes | lines | title or first line |\n|---|---:|---:|---|\n"
        for record in list {
            let shown = folder.isEmpty ? record.path : String(record.path.dropFirst(folder.count + 1))
            text += "| \(cell(shown)) | \(record.size) | \(record.lines) | \(cell(record.title)) |\n"
        }
        return text
    }

    private func cell(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "|")) ? text.replacingOccurrences(of: "|", with: "\\|") : text
    }
}
