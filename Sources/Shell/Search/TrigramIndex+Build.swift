import Foundation

/// Building the trigram index with bounded memory, in parallel, safe against `kill -9`:
/// the image's files are cut into batches of about `batchBytes`; each worker thread turns a
/// batch into a sorted run file (trigram → the batch's files that hold it) in a private
/// temporary folder; the runs are then merged into the index file, which is renamed into place
/// whole. Memory is about two batch-sized posting arrays per worker, whatever the corpus size;
/// a build killed at any point leaves only a temporary folder that the next build removes.
extension TrigramIndex {
    /// Bytes of file content per batch (one run file). A batch's postings are at most one per byte.
    static let batchBytes = 8 << 20

    /// Builds the index of `image` into `file`; false when it could not be written.
    static func build(_ image: CorpusImage, to file: URL, workers requested: Int = ProcessInfo.processInfo.activeProcessorCount,
                      batchBytes: Int = batchBytes) -> Bool {
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        removeAbandonedBuilds(in: folder, of: file.lastPathComponent)
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard (try? FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)) != nil else { return false }
        defer { try? FileManager.default.removeItem(at: temporary) }

        let batches = batchRanges(image, batchBytes: batchBytes)
        let runs = batches.indices.map { temporary.appendingPathComponent(String(format: "run-%06d", $0)).path }
        let workers = max(1, min(requested, 4, batches.count))
        let next = ClaimCounter()
        let failed = ClaimCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var builder = RunBuilder()
            while failed.value == 0, let batch = next.claim(below: batches.count) {
                if !builder.writeRun(image, entries: batches[batch], to: runs[batch]) { _ = failed.claim(below: Int.max) }
            }
        }
        guard failed.value == 0 else { return false }
        let merged = temporary.appendingPathComponent("index").path
        guard merge(runs, into: merged, table: temporary.appendingPathComponent("table").path, image: image) else { return false }
        return rename(merged, file.path) == 0
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

    /// Merges the sorted runs (in batch order, so each trigram's entries stay sorted) into the
    /// index file: header, posting lists, table, trailer.
    static func merge(_ runs: [String], into path: String, table tablePath: String, image: CorpusImage) -> Bool {
        var readers: [RunReader] = []
        for run in runs {
            guard let reader = RunReader(run) else { return false }
            readers.append(reader)
        }
        guard let out = BufferedOutput(path), let table = BufferedOutput(tablePath) else { return false }
        out.append([UInt8](repeating: 0, count: headerSize))
        var heap = RunHeap()
        for index in readers.indices where readers[index].key != nil { heap.push(readers[index].key!, index) }
        var postingBytes = 0
        var trigrams = 0
        while let (key, _) = heap.top {
            var previous: Int32 = -1
            var count = 0
            let start = headerSize + postingBytes
            while let (topKey, run) = heap.top, topKey == key {
                heap.pop()
                readers[run].copyPostings { entry in
                    postingBytes += out.appendVarint(UInt32(bitPattern: entry &- previous))
                    previous = entry
                    count += 1
                }
                if let next = readers[run].key { heap.push(next, run) }
            }
            table.appendWord32(key)
            table.appendWord32(UInt32(count))
            table.appendWord64(UInt64(start))
            trigrams += 1
        }
        guard table.close() else { return false }
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

/// One worker's state: the per-file seen-trigram bitmap and the batch's postings.
struct RunBuilder {
    private var seen = [UInt64](repeating: 0, count: (1 << 24) / 64)
    private var fileKeys: [UInt32] = []
    private var postings: [UInt64] = []
    private var scratch: [UInt64] = []

    /// ASCII letters to lowercase.
    static let foldTable: [UInt8] = (0...255).map { TrigramQuery.fold(UInt8($0)) }

    /// Collects the distinct trigrams of each file of `entries`, sorts them (stable, so the
    /// entries stay in order within a trigram) and writes the run.
    mutating func writeRun(_ image: CorpusImage, entries: Range<Int>, to path: String) -> Bool {
        postings.removeAll(keepingCapacity: true)
        for entry in entries {
            collect(image, entry: entry)
        }
        radixSortByKey()
        Self.releasePages(image, entries: entries)
        guard let out = BufferedOutput(path) else { return false }
        var index = 0
        let items = postings
        while index < items.count {
            let key = UInt32(truncatingIfNeeded: items[index] >> 32)
            var end = index
            while end < items.count && UInt32(truncatingIfNeeded: items[end] >> 32) == key { end += 1 }
            out.appendWord32(key)
            out.appendWord32(UInt32(end - index))
            var previous: Int32 = -1
            for item in items[index..<end] {
                let entry = Int32(truncatingIfNeeded: item & 0xffff_ffff)
                _ = out.appendVarint(UInt32(bitPattern: entry &- previous))
                previous = entry
            }
            index = end
        }
        out.appendWord32(UInt32.max)
        return out.close()
    }

    /// Drops this process's mapping of the batch's image pages (the page cache keeps them), so
    /// the build's resident memory stays bounded instead of growing to the image's size.
    static func releasePages(_ image: CorpusImage, entries: Range<Int>) {
        guard let first = entries.first, let last = entries.last else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = image.entries[first].offset / page * page
        let end = image.entries[last].offset + image.entries[last].length
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: image.base + start), end - start, MADV_DONTNEED)
    }

    private mutating func collect(_ image: CorpusImage, entry: Int) {
        let file = image.entries[entry]
        guard file.length >= 3 else { return }
        let bytes = image.base + file.offset
        var keys = fileKeys, seen = self.seen
        self.seen = []
        keys.removeAll(keepingCapacity: true)
        Self.foldTable.withUnsafeBufferPointer { fold in
            seen.withUnsafeMutableBufferPointer { seen in
                var key = UInt32(fold[Int(bytes[0])]) << 8 | UInt32(fold[Int(bytes[1])])
                // Bytes since the last newline (trigrams across a line break are never searched for).
                var run = bytes[0] == 10 ? 0 : 1
                run = bytes[1] == 10 ? 0 : run + 1
                for position in 2..<file.length {
                    let byte = bytes[position]
                    key = (key << 8 | UInt32(fold[Int(byte)])) & 0xff_ffff
                    if byte == 10 { run = 0; continue }
                    run += 1
                    guard run >= 3 else { continue }
                    let word = Int(key >> 6), bit = UInt64(1) << UInt64(key & 63)
                    if seen[word] & bit == 0 {
                        seen[word] |= bit
                        keys.append(key)
                    }
                }
                for key in keys { seen[Int(key >> 6)] &= ~(UInt64(1) << UInt64(key & 63)) }
            }
        }
        self.seen = seen
        let tag = UInt64(UInt32(truncatingIfNeeded: entry))
        postings.reserveCapacity(postings.count + keys.count)
        for key in keys { postings.append(UInt64(key) << 32 | tag) }
        fileKeys = keys
    }

    /// LSD radix sort of `postings` on the 24-bit key in bits 32…55: two stable 12-bit passes
    /// (into `scratch` and back).
    private mutating func radixSortByKey() {
        let count = postings.count
        if scratch.count < count { scratch.append(contentsOf: repeatElement(0, count: count - scratch.count)) }
        var items = postings, other = scratch
        postings = []
        scratch = []
        items.withUnsafeMutableBufferPointer { a in
            other.withUnsafeMutableBufferPointer { b in
                Self.pass(UnsafeBufferPointer(rebasing: a[0..<count]), into: b.baseAddress!, shift: 32)
                Self.pass(UnsafeBufferPointer(rebasing: b[0..<count]), into: a.baseAddress!, shift: 44)
            }
        }
        postings = items
        scratch = other
    }

    private static func pass(_ source: UnsafeBufferPointer<UInt64>, into target: UnsafeMutablePointer<UInt64>, shift: UInt64) {
        var offsets = [Int](repeating: 0, count: 4097)
        offsets.withUnsafeMutableBufferPointer { offsets in
            for item in source { offsets[Int((item >> shift) & 0xfff) + 1] += 1 }
            for bucket in 1...4096 { offsets[bucket] += offsets[bucket - 1] }
            for item in source {
                let bucket = Int((item >> shift) & 0xfff)
                target[offsets[bucket]] = item
                offsets[bucket] += 1
            }
        }
    }
}

/// Reads one run file sequentially (mapped): the current trigram and its entries.
struct RunReader {
    private let data: UnsafeMutableRawPointer
    private let size: Int
    private var position = 0
    /// Bytes before this offset were handed back (`MADV_DONTNEED`): read once, never needed again.
    private var released = 0
    /// The current trigram, or nil at the end.
    private(set) var key: UInt32?

    init?(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size >= 4,
              let mapping = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else { return nil }
        madvise(mapping, Int(info.st_size), MADV_SEQUENTIAL)
        data = mapping
        size = Int(info.st_size)
        readKey()
    }

    private mutating func readKey() {
        if position - released >= 64 << 10 {
            let end = position & ~(4095)
            madvise(data + released, end - released, MADV_DONTNEED)
            released = end
        }
        let value = UInt32(littleEndian: data.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        position += 4
        key = value == UInt32.max ? nil : value
        if key == nil { munmap(data, size) }
    }

    /// Hands the current trigram's entries to `body` in order and moves to the next trigram.
    mutating func copyPostings(_ body: (Int32) -> Void) {
        let count = Int(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
        position += 4
        let bytes = data.assumingMemoryBound(to: UInt8.self)
        var previous: Int32 = -1
        for _ in 0..<count {
            var value: UInt32 = 0, shift: UInt32 = 0
            while true {
                let byte = bytes[position]
                position += 1
                value |= UInt32(byte & 0x7f) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            previous &+= Int32(bitPattern: value)
            body(previous)
        }
        readKey()
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

/// A file written through a 1 MB buffer.
final class BufferedOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var ok = true

    init?(_ path: String) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func appendWord32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    func appendWord64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Appends a LEB128 varint; returns its length.
    @inline(__always) func appendVarint(_ value: UInt32) -> Int {
        var value = value, length = 1
        while value >= 0x80 {
            buffer.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
            length += 1
        }
        buffer.append(UInt8(value))
        if buffer.count >= 1 << 20 { flush() }
        return length
    }

    private func flush() {
        ok = ok && CorpusImage.writeAll(descriptor, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes; false when any write failed.
    func close() -> Bool {
        flush()
        return ok
    }
}
