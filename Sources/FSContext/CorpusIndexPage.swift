import Foundation

/// Where a corpus's own page (what it is, its layout, its files) lives. It is `INDEX.md` at the
/// root, the first thing an agent reads; when a mirrored source has a root `INDEX.md` of its
/// own, the source's file keeps that name and the corpus page is `.fsctx/INDEX.md`. Pages for
/// single folders of big corpora are `.fsctx/index/<folder>/INDEX.md`, linked from the root page.
public enum CorpusIndexPage {
    /// The usual path of the corpus page.
    public static let rootPath = "INDEX.md"
    /// The corpus page's path when the source has its own root `INDEX.md`.
    public static let displacedPath = ".fsctx/INDEX.md"

    /// The path of the page for `folder` (a folder of corpus files) in a split index.
    public static func folderPagePath(_ folder: String) -> String {
        ".fsctx/index/" + folder + "/INDEX.md"
    }

    /// Page `page` (2, 3, …) of a long list: a folder's files (`folder`; `""`: the root's own
    /// files) or, for `folder` nil, the root page's list of folders.
    public static func continuationPath(folder: String?, page: Int) -> String {
        guard let folder else { return ".fsctx/index/folders-\(page).md" }
        return folder.isEmpty ? ".fsctx/index/INDEX-\(page).md" : ".fsctx/index/" + folder + "/INDEX-\(page).md"
    }

    /// The corpus page's path in a checked-out corpus (relative to `workTree`).
    public static func path(in workTree: URL) -> String {
        FileManager.default.fileExists(atPath: workTree.appendingPathComponent(displacedPath).path) ? displacedPath : rootPath
    }

    /// The corpus page's text, or nil when the work tree has none. Invalid UTF-8 (a source's
    /// own bytes in a title) is shown as U+FFFD.
    public static func text(in workTree: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: workTree.appendingPathComponent(path(in: workTree)).path) else { return nil }
        return ModelText.forModel(data)
    }
}
