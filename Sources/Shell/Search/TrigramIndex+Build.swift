import Foundation

/// Building the trigram index with bounded memory, in parallel, safe against `kill -9`:
/// the image's files are cut into batches of about `batchBytes`; each worker thread turns a
/// batch into a sorted run file (trigram → the batch's files that hold it) in a private
/// temporary folder; the runs are then merged into the index file, which is renamed into place
/// whole (`TrigramIndex+Merge.swift`). Memory is about two batch-sized posting arrays per
/// worker, whatever the corpus size, and the image pages a batch read are handed back after
/// it; a build killed at any point leaves only a temporary folder that the next build removes.
extension TrigramIndex {
    /// Bytes of file content per batch (one run file). A batch's postings are at most one per byte.
    static let batchBytes = 8 << 20

    /// Builds the index of `image` into `file`; false when it could not be written.
    static func build(_ image: CorpusImage, to file: URL, workers requested: Int = ProcessInfo.processInfo.activeProcessorCount,
                      batchBytes: Int = batchBytes, fanIn: Int = mergeFanIn, runBuffer: Int = runBufferBytes) -> Bool {
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        removeAbandonedBuilds(in: folder, of: file.lastPathComponent)
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard (try? FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: temporary) }

        let batches = batchRanges(image, batchBytes: batchBytes)
        image.entries.releasePages(0..<image.entries.count)
        let runs = batches.indices.map { temporary.appendingPathComponent(String(format: "run-%06d", $0)).path }
        let workers = max(1, min(requested, 4))
        let builders = BuilderPool()
        guard inParallel(batches.count, workers: workers, { batch in
            var builder = builders.take()
            defer { builders.give(builder) }
            return builder.writeRun(image, entries: batches[batch], to: runs[batch])
        }) else { return false }
        builders.removeAll()
        let merged = temporary.appendingPathComponent("index").path
        guard merge(runs, in: temporary, into: merged, table: temporary.appendingPathComponent("table").path, image: image,
                    workers: workers, fanIn: fanIn, bufferBytes: runBuffer) else { return false }
        return rename(merged, file.path) == 0
    }

    /// Runs `body` for 0..<count on up to `workers` threads; false when any call failed (the
    /// rest are then skipped).
    static func inParallel(_ count: Int, workers: Int, _ body: @Sendable (Int) -> Bool) -> Bool {
        let next = ClaimCounter()
        let failed = ClaimCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while failed.value == 0, let item = next.claim(below: count) {
                if !body(item) { _ = failed.claim(below: Int.max) }
            }
        }
        return failed.value == 0
    }

    /// Contiguous entry ranges of about `batchBytes` of content each.
    static func batchRanges(_ image: CorpusImage, batchBytes: Int = batchBytes) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0, bytes = 0
        for (index, entry) in image.entries.enumerated() {
            if bytes > 0 && bytes + entry.length > batchBytes {
                ranges.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += entry.length
        }
        if start < image.entries.count { ranges.append(start..<image.entries.count) }
        return ranges
    }

    /// Removes temporary build folders of `name` left by processes that no longer run.
    static func removeAbandonedBuilds(in folder: URL, of name: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for entry in names where entry.hasPrefix(".\(name).") && entry.hasSuffix(".tmp") {
            let parts = entry.dropFirst(name.count + 2).split(separator: ".")
            guard let pid = parts.first.flatMap({ Int32($0) }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry)) }
        }
    }
}

/// A shared counter handing out batch numbers to worker threads.
final class ClaimCounter: @unchecked Sendable {
    private var current = 0
    private let lock = NSLock()

    var value: Int { lock.withLock { current } }

    /// The next number below `limit`, or nil when all are taken.
    func claim(below limit: Int) -> Int? {
        lock.withLock {
            guard current < limit else { return nil }
            defer { current += 1 }
            return current
        }
    }
}

/// Idle run builders (each holds a 2 MB bitmap and its posting arrays) for the worker threads
/// to reuse from batch to batch.
final class BuilderPool: @unchecked Sendable {
    private var idle: [RunBuilder] = []
    private let lock = NSLock()

    func take() -> RunBuilder { lock.withLock { idle.popLast() } ?? RunBuilder() }
    func give(_ builder: RunBuilder) { lock.withLock { idle.append(builder) } }
    func removeAll() { lock.withLock { idle.removeAll() } }
}
