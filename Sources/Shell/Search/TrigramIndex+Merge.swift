import Foundation

/// Merging the sorted runs into the index with bounded memory: each run is read through a
/// small buffer (no mapping that would keep its pages resident), and at most `mergeFanIn` runs
/// are open at once. A 10 GB corpus makes ~1,250 runs; they are first merged in groups of
/// `mergeFanIn` into longer runs (groups in parallel), then those into the index, so memory is
/// `mergeFanIn` buffers per worker whatever the corpus size, for one more pass over the runs.
///
/// A run file is a sequence of lists, each: trigram (UInt32), entry count (UInt32), the entries
/// as varint deltas (the first from -1); then UInt32.max. Runs are numbered in entry order, so
/// concatenating a trigram's lists in run order keeps its entries sorted.
extension TrigramIndex {
    /// Runs read at once by one merge.
    static let mergeFanIn = 64
    /// Bytes buffered per run while merging.
    static let runBufferBytes = 64 << 10

    /// Merges `runs` into the index file at `path`, through intermediate runs in `folder` while
    /// there are more than `fanIn`; the table is staged at `tablePath`.
    static func merge(_ runs: [String], in folder: URL, into path: String, table tablePath: String, image: CorpusImage,
                      workers: Int, fanIn: Int = mergeFanIn, bufferBytes: Int = runBufferBytes) -> Bool {
        var runs = runs
        var level = 0
        while runs.count > fanIn {
            level += 1
            let groups = stride(from: 0, to: runs.count, by: fanIn).map { Array(runs[$0..<min($0 + fanIn, runs.count)]) }
            let merged = groups.indices.map { folder.appendingPathComponent(String(format: "merge-%d-%06d", level, $0)).path }
            // Each group's runs are removed as soon as they are merged: the disk holds about
            // one copy of the postings at a time, not two.
            guard inParallel(groups.count, workers: workers, { group in
                guard mergeRuns(groups[group], into: merged[group], bufferBytes: bufferBytes) else { return false }
                for run in groups[group] { unlink(run) }
                return true
            }) else { return false }
            runs = merged
        }
        return writeIndex(runs, into: path, table: tablePath, image: image, bufferBytes: bufferBytes)
    }

    /// Merges `runs` into one run at `path`.
    static func mergeRuns(_ runs: [String], into path: String, bufferBytes: Int = runBufferBytes) -> Bool {
        guard var merger = RunMerger(runs, bufferBytes: bufferBytes), let out = BufferedOutput(path) else { return false }
        while let (key, count) = merger.next() {
            out.appendRunList(key: key, count: count) { merger.copyEntries($0) }
        }
        out.appendWord32(UInt32.max)
        return !merger.failed && out.close()
    }

    /// Writes the index file from `runs`: header, posting lists, table, trailer.
    static func writeIndex(_ runs: [String], into path: String, table tablePath: String, image: CorpusImage,
                           bufferBytes: Int = runBufferBytes) -> Bool {
        guard var merger = RunMerger(runs, bufferBytes: bufferBytes), let out = BufferedOutput(path), let table = BufferedOutput(tablePath) else { return false }
        out.append([UInt8](repeating: 0, count: headerSize))
        var postingBytes = 0
        var trigrams = 0
        while let (key, count) = merger.next() {
            let start = headerSize + postingBytes
            postingBytes += out.appendDeltas { merger.copyEntries($0) }
            table.appendWord32(key)
            table.appendWord32(UInt32(count))
            table.appendWord64(UInt64(start))
            trigrams += 1
        }
        guard !merger.failed, table.close() else { return false }
        // The table after the posting lists.
        let tableOffset = headerSize + postingBytes
        guard let tableFile = FileHandle(forReadingAtPath: tablePath) else { return false }
        while true {
            let chunk = tableFile.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            out.append(Array(chunk))
        }
        tableFile.closeFile()
        out.append(trailer)
        guard out.close() else { return false }
        var header = magic
        for value in [image.entries.count, image.length, trigrams, tableOffset] { header += CorpusImage.bytes(UInt64(value)) }
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return pwrite(descriptor, header, header.count, 0) == header.count
    }
}

extension BufferedOutput {
    /// Appends one list of a run file: trigram, entry count, and the entries `body` hands on.
    func appendRunList(key: UInt32, count: Int, _ body: ((Int32) -> Void) -> Void) {
        appendWord32(key)
        appendWord32(UInt32(count))
        _ = appendDeltas(body)
    }

    /// Appends the entries `body` hands on (ascending) as varint deltas, the first from -1;
    /// returns the bytes written.
    func appendDeltas(_ body: ((Int32) -> Void) -> Void) -> Int {
        var previous: Int32 = -1
        var bytes = 0
        body { entry in
            bytes += appendVarint(UInt32(bitPattern: entry &- previous))
            previous = entry
        }
        return bytes
    }
}

/// Reads several runs at once, trigram by trigram: the trigram's entries from every run that
/// has it, in run order.
struct RunMerger {
    private var readers: [RunReader] = []
    private var heap = RunHeap()
    /// The runs holding the trigram `next` returned, in run order.
    private var current: [Int] = []

    /// Whether a run could not be read to its end (the merge is then useless).
    var failed: Bool { readers.contains { $0.failed } }

    init?(_ paths: [String], bufferBytes: Int = TrigramIndex.runBufferBytes) {
        for path in paths {
            guard let reader = RunReader(path, bufferBytes: bufferBytes) else { return nil }
            readers.append(reader)
        }
        for (run, reader) in readers.enumerated() { if let key = reader.key { heap.push(key, run) } }
    }

    /// The next trigram and its entry count over all runs; nil after the last. Call
    /// `copyEntries` before the next call.
    mutating func next() -> (key: UInt32, count: Int)? {
        guard let (key, _) = heap.top else { return nil }
        current.removeAll(keepingCapacity: true)
        var count = 0
        while let (topKey, run) = heap.top, topKey == key {
            heap.pop()
            current.append(run)
            count += readers[run].count
        }
        return (key, count)
    }

    /// Hands the entries of the trigram `next` returned to `body`, in order.
    mutating func copyEntries(_ body: (Int32) -> Void) {
        for run in current {
            readers[run].copyPostings(body)
            if let key = readers[run].key { heap.push(key, run) }
        }
    }
}

/// Reads one run file front to back through a buffer: the current trigram, its entry count,
/// and its entries.
final class RunReader {
    private let descriptor: Int32
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private var position = 0
    private var filled = 0
    private var fileOffset: off_t = 0
    /// The current trigram, or nil at the end (or when the file ended early: `failed`).
    private(set) var key: UInt32?
    /// The current trigram's entry count.
    private(set) var count = 0
    /// The file ended before its end marker, or could not be read.
    private(set) var failed = false

    init?(_ path: String, bufferBytes: Int) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        capacity = max(16, bufferBytes)
        buffer = .allocate(capacity: capacity)
        readKey()
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The next byte; 0 once the file has ended early (and `failed` is set).
    @inline(__always) private func byte() -> UInt8 {
        if position == filled && !refill() { return 0 }
        defer { position += 1 }
        return buffer[position]
    }

    /// Reads the next stretch of the file, keeping the `position..<filled` bytes not yet used.
    private func refill() -> Bool {
        let kept = filled - position
        if kept > 0 { buffer.update(from: buffer + position, count: kept) }
        let count = pread(descriptor, buffer + kept, capacity - kept, fileOffset)
        position = 0
        filled = kept
        guard count > 0 else { failed = true; return false }
        fileOffset += off_t(count)
        filled += count
        return true
    }

    private func word32() -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: UInt32(0), to: 32, by: 8) { value |= UInt32(byte()) << shift }
        return value
    }

    private func readKey() {
        let value = word32()
        guard !failed, value != UInt32.max else { key = nil; return }
        key = value
        count = Int(word32())
        if failed { key = nil }
    }

    /// Hands the current trigram's entries to `body` in order and moves to the next trigram.
    func copyPostings(_ body: (Int32) -> Void) {
        var previous: Int32 = -1
        var left = count
        while left > 0 && !failed {
            // Whole varints (at most 5 bytes each) straight from the buffer while they surely fit.
            var at = position
            let end = filled - 5
            while left > 0 && at <= end {
                var value = UInt32(buffer[at] & 0x7f), shift: UInt32 = 7
                while buffer[at] >= 0x80 && shift < 35 {
                    at += 1
                    value |= UInt32(buffer[at] & 0x7f) << shift
                    shift += 7
                }
                at += 1
                previous &+= Int32(bitPattern: value)
                body(previous)
                left -= 1
            }
            position = at
            // Near the end of the buffer: one varint byte by byte (refilling as needed).
            if left > 0 {
                var value: UInt32 = 0, shift: UInt32 = 0
                while true {
                    let byte = byte()
                    if failed { break }
                    value |= UInt32(byte & 0x7f) << shift
                    if byte < 0x80 { break }
                    shift += 7
                }
                if failed { break }
                previous &+= Int32(bitPattern: value)
                body(previous)
                left -= 1
            }
        }
        if failed { key = nil } else { readKey() }
    }
}

/// A min-heap of (trigram, run number): the smallest trigram first, and among equal trigrams
/// the earlier run, so merged lists stay in entry order.
struct RunHeap {
    private var items: [(UInt32, Int)] = []

    var top: (UInt32, Int)? { items.first }

    private static func less(_ a: (UInt32, Int), _ b: (UInt32, Int)) -> Bool { a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) }

    mutating func push(_ key: UInt32, _ run: Int) {
        items.append((key, run))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count && Self.less(items[left], items[smallest]) { smallest = left }
            if right < items.count && Self.less(items[right], items[smallest]) { smallest = right }
            guard smallest != parent else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

