import Foundation

/// An append-only JSONL result file, safe to share between concurrent runs.
///
/// Opening it reads the rows already there (a resumed sweep skips them); a last line cut off by
/// a killed writer is dropped from the file so the next row starts on a line of its own.
actor ResultLog {
    let url: URL
    private let handle: FileHandle
    /// Rows present when the log was opened.
    let existing: [BenchResult]

    init(url: URL) throws {
        self.url = url
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: url.path) {
            let (rows, truncated) = try JSONLines.read(BenchResult.self, from: url, toleratingTruncatedTail: true)
            existing = rows
            if truncated { try Self.dropTail(of: url) }
        } else {
            existing = []
            guard fileManager.createFile(atPath: url.path, contents: nil) else {
                throw BenchError(.badTarget, "cannot create result file \(url.path); check the folder exists and is writable")
            }
        }
        guard let handle = try? FileHandle(forWritingTo: url) else {
            throw BenchError(.badTarget, "cannot write result file \(url.path)")
        }
        self.handle = handle
        _ = try? handle.seekToEnd()
    }

    /// Appends one row as one line.
    func append(_ row: BenchResult) throws {
        do { try handle.write(contentsOf: Data((try JSONLines.line(row) + "\n").utf8)) } catch {
            throw BenchError(.io, "cannot append to \(url.path): \(error.localizedDescription)")
        }
    }

    /// Closes the file.
    func close() { try? handle.close() }

    private static func dropTail(of url: URL) throws {
        let data = try Data(contentsOf: url)
        let keep = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(keep))
        try handle.close()
    }
}
