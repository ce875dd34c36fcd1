/// Names corpus files once all are known: numbered files in folders of at most 1,000 for
/// documents and chunks, the input's own paths for mirrors.
enum CorpusLayout {
    /// Files per folder before numbered files are grouped into sub-folders.
    static let folderLimit = 1000

    /// The folder a layout puts an input's files in (`""`: the root).
    static func base(for plan: InputPlan, inputCount: Int) -> String {
        switch plan.layout {
        case .documents, .auto: inputCount > 1 ? "docs/" + plan.name : "docs"
        case .chunks: inputCount > 1 ? "parts/" + plan.name : "parts"
        case .mirror: inputCount > 1 ? plan.name : ""
        }
    }

    /// The path of file `number` (0-based) of the `count` files of `plan`'s input, with its
    /// name hint (the title slug, or a mirrored file's relative path).
    static func path(for plan: InputPlan, inputCount: Int, number: Int, count: Int, hint: String) -> String {
        let base = base(for: plan, inputCount: inputCount)
        if plan.layout == .mirror { return base.isEmpty ? hint : base + "/" + hint }
        var name = pad(number + 1, max(4, String(count).count))
        if !hint.isEmpty { name += "-" + hint }
        return base + "/" + groupFolders(number, count: count) + name + ".txt"
    }

    /// `""` when `count` fits one folder, else nested folder names (`"003/"`) of 1,000 files each.
    static func groupFolders(_ number: Int, count: Int) -> String {
        guard count > folderLimit else { return "" }
        var levels: [Int] = []
        var groups = (count + folderLimit - 1) / folderLimit
        var group = number / folderLimit
        while groups > 1 {
            levels.append(group % folderLimit)
            group /= folderLimit
            groups = (groups + folderLimit - 1) / folderLimit
        }
        let top = (count + folderLimit - 1) / folderLimit
        let topWidth = max(3, String(top - 1).count)
        return levels.reversed().enumerated().map { index, value in
            pad(value, index == 0 ? topWidth : 3) + "/"
        }.joined()
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
