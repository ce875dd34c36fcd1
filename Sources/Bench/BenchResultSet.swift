import Foundation

/// Result rows read from one or more JSONL files, one row per key: when a key appears more than
/// once (shards overlapping, a retried run), the row read last counts.
public struct BenchResultSet: Sendable {
    /// The rows, one per key, sorted by key.
    public let rows: [BenchResult]
    /// Rows read in total.
    public let rowsRead: Int
    /// Keys that appeared more than once with identical rows.
    public let duplicates: Int
    /// Keys that appeared more than once with different rows (the last was kept).
    public let conflicts: Int

    /// Reads result files in order.
    public init(contentsOf urls: [URL]) throws {
        guard !urls.isEmpty else { throw BenchError(.badInput, "no result files given") }
        var latest: [BenchRunKey: BenchResult] = [:]
        var read = 0, duplicates = 0, conflicts = 0
        for url in urls {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw BenchError(.notFound, "result file \(url.path) does not exist")
            }
            for row in try JSONLines.read(BenchResult.self, from: url, toleratingTruncatedTail: true).rows {
                read += 1
                if let previous = latest[row.key] { if previous == row { duplicates += 1 } else { conflicts += 1 } }
                latest[row.key] = row
            }
        }
        self.init(rows: latest.values.sorted { $0.key < $1.key }, rowsRead: read, duplicates: duplicates, conflicts: conflicts)
    }

    /// Wraps rows already in memory (last row per key counts).
    public init(rows: [BenchResult]) {
        var latest: [BenchRunKey: BenchResult] = [:]
        for row in rows { latest[row.key] = row }
        self.init(rows: latest.values.sorted { $0.key < $1.key }, rowsRead: rows.count, duplicates: 0, conflicts: 0)
    }

    private init(rows: [BenchResult], rowsRead: Int, duplicates: Int, conflicts: Int) {
        self.rows = rows
        self.rowsRead = rowsRead
        self.duplicates = duplicates
        self.conflicts = conflicts
    }

    /// Merges shard outputs into one file (atomically), one row per key, sorted by key.
    /// `output` must not exist unless `replacing`.
    @discardableResult
    public static func merge(_ inputs: [URL], into output: URL, replacing: Bool = false) throws -> BenchResultSet {
        if FileManager.default.fileExists(atPath: output.path) && !replacing {
            throw BenchError(.badTarget, "\(output.path) exists; choose another --out or pass --force to replace it")
        }
        let set = try BenchResultSet(contentsOf: inputs)
        try JSONLines.write(set.rows, to: output)
        return set
    }
}
