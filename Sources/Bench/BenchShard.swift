/// One shard of a sweep, `index/count` with 0 ≤ index < count (`--shard 0/4` … `--shard 3/4`).
///
/// The grid task × strategy × model is enumerated in task-file order (then strategy, then model
/// order) and cell k belongs to shard k mod count: the shards partition the grid exactly, and
/// each shard gets a balanced mix of lengths. `0/1` is the whole grid.
public struct BenchShard: Sendable, Hashable, CustomStringConvertible {
    /// This shard's index, from 0.
    public let index: Int
    /// The number of shards.
    public let count: Int

    /// The whole grid.
    public static let whole = BenchShard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Creates a shard; throws unless 0 ≤ index < count.
    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else {
            throw BenchError(.badInput, "shard \(index)/\(count) is out of range: use i/n with n ≥ 1 and 0 ≤ i < n, e.g. --shard 0/4")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `i/n`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw BenchError(.badInput, "bad shard \"\(text)\": expected i/n, e.g. --shard 0/4 (shards are numbered from 0)")
        }
        try self.init(index: index, count: count)
    }

    /// The cells of the grid that belong to this shard, in grid order.
    public func cells(tasks: [BenchTask], strategies: [String], models: [String]) -> [BenchGridCell] {
        var cells: [BenchGridCell] = []
        var position = 0
        for task in tasks {
            for strategy in strategies {
                for model in models {
                    if position % count == index { cells.append(BenchGridCell(task: task, strategy: strategy, model: model)) }
                    position += 1
                }
            }
        }
        return cells
    }

    /// `i/n`, as `--shard` takes it.
    public var description: String { "\(index)/\(count)" }
}

/// One cell of a sweep grid: a task to run with a strategy and a model.
public struct BenchGridCell: Sendable, Hashable {
    /// The task.
    public var task: BenchTask
    /// The strategy name.
    public var strategy: String
    /// The model name.
    public var model: String

    /// The cell's key in result files.
    public var key: BenchRunKey { BenchRunKey(task: task.id, strategy: strategy, model: model) }
}
