/// The corpus paths of a materialize run. Documents and chunks of one input are named by their
/// number and name hint, in an order that is already git's order: their paths are computed again
/// from the spilled hint whenever a pass needs one, and nothing is kept per file. Otherwise (a
/// mirror, several inputs) every path is stored once in a `PathTable` and sorted.
struct CorpusPaths {
    /// One input's run of files: `[start, end)` in corpus order.
    struct Group { let start: Int; let end: Int; let plan: InputPlan }

    let groups: [Group]
    let inputCount: Int
    /// Stored paths, when the files do not come in git's order.
    private(set) var table: PathTable?
    /// Files in git's order, when that is not corpus order.
    private(set) var order: [Int32]?
    /// The corpus page's path (`INDEX.md`, or `.fsctx/INDEX.md` when a source has its own).
    private(set) var rootPage = CorpusIndexPage.rootPath

    /// Names every file; `warn` hears of files renamed out of `.fsctx/`. Throws when two files
    /// map to one path.
    init(records: RecordStore, plans: [InputPlan], warn: (String) -> Void) throws {
        var groups: [Group] = []
        var start = 0
        while start < records.count {
            let input = records.row(start).input
            var end = start
            while end < records.count, records.row(end).input == input { end += 1 }
            groups.append(Group(start: start, end: end, plan: plans[Int(input)]))
            start = end
        }
        self.groups = groups
        inputCount = plans.count
        // First pass: the root page's path, renames, and whether the paths come sorted.
        var previous: [UInt8] = []
        var sorted = true
        for index in 0..<records.count {
            let details = try records.details(index)
            let (path, renamedFrom) = path(index, hint: details.hint)
            if renamedFrom == CorpusIndexPage.rootPath { rootPage = CorpusIndexPage.displacedPath }
            if renamedFrom != path { warn("renamed \(details.source) to \(path) (the name is reserved)") }
            let bytes = Array(path.utf8)
            if index > 0, sorted, !previous.lexicographicallyPrecedes(bytes) { sorted = false }
            previous = bytes
        }
        guard !sorted else { return }
        var table = PathTable(capacity: records.count)
        for index in 0..<records.count { table.append(self.path(index, hint: try records.details(index).hint).path) }
        let order = table.sortedOrder() ?? (0..<Int32(records.count)).map { $0 }
        for position in 1..<max(1, order.count) where table.equal(Int(order[position - 1]), Int(order[position])) {
            throw FSContextError(.badInput, "two inputs map to the same corpus path \(table[Int(order[position])]); materialize them separately")
        }
        self.table = table
        self.order = order
    }

    /// The file at `position` in git's order.
    func record(at position: Int) -> Int { order.map { Int($0[position]) } ?? position }

    /// File `index`'s path; `hint` is its spilled name hint (used unless paths are stored).
    func path(_ index: Int, hint: @autoclosure () throws -> String) rethrows -> String {
        if let table { return table[index] }
        return path(index, hint: try hint()).path
    }

    /// The path by the layout's rules, and the layout's name before a rename out of `.fsctx/`.
    private func path(_ index: Int, hint: String) -> (path: String, renamedFrom: String) {
        let group = groups.last { $0.start <= index }!
        let named = CorpusLayout.path(for: group.plan, inputCount: inputCount, number: index - group.start,
                                      count: group.end - group.start, hint: hint)
        return (named.hasPrefix(".fsctx/") ? "_fsctx/" + named.dropFirst(7) : named, named)
    }
}
