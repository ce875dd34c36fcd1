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

    /// Sets `path` on every record (records are grouped by input, in input order).
    static func assignPaths(_ records: inout [CorpusFileRecord], plans: [InputPlan]) {
        var start = 0
        while start < records.count {
            let input = records[start].input
            var end = start
            while end < records.count, records[end].input == input { end += 1 }
            let plan = plans[input]
            let base = base(for: plan, inputCount: plans.count)
            if plan.layout == .mirror {
                for i in start..<end { records[i].path = base.isEmpty ? records[i].hint : base + "/" + records[i].hint }
            } else {
                let count = end - start
                let width = max(4, String(count).count)
                for i in start..<end {
                    let number = i - start
                    var name = pad(number + 1, width)
                    if !records[i].hint.isEmpty { name += "-" + records[i].hint }
                    records[i].path = base + "/" + groupFolders(number, count: count) + name + ".txt"
                }
            }
            start = end
        }
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
