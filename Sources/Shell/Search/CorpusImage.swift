import FSContext
import Foundation

/// A packed image of an immutable corpus work tree: every visible file's bytes concatenated
/// in walk order, with an offset table, memory-mapped. A recursive grep scans it in one pass
/// instead of opening every file. A pair index (which byte pairs occur in each 1 MB block,
/// see `CorpusImage+Pairs.swift`) lets a search skip blocks that cannot hold its literal.
///
/// The image lives at `<git-dir>/fsctx/images/<commit-id>.img` and is keyed by the corpus
/// commit (`HEAD`) the read-only work tree is a checkout of; an image made for another commit
/// is never used. It is written to a temporary file and renamed, so readers never see a
/// partial image.
final class CorpusImage: @unchecked Sendable {
    let entries: Entries
    /// How often each byte value occurs in the corpus, for choosing a literal's rarest byte.
    let byteCounts: [Int]
    let base: UnsafePointer<UInt8>
    let length: Int
    /// The pair index: one 65536-bit set per `pairBlockSize` bytes of data (from `headerSize`).
    let pairSets: UnsafePointer<UInt8>
    let pairBlockCount: Int
    /// The image file (its trigram index lives beside it, see `TrigramIndex`).
    let file: URL
    private let mapping: UnsafeMutableRawPointer
    private let mappingLength: Int

    static let magic = Array("FSCTXIM3".utf8)

    /// Bytes before the data: magic, entry count, index offset, 256 byte counts, pair index offset.
    static let headerSize = 24 + 256 * 8 + 8

    private init(file: URL, entries: Entries, byteCounts: [Int], mapping: UnsafeMutableRawPointer, mappingLength: Int, dataLength: Int, pairOffset: Int) {
        self.file = file
        self.entries = entries
        self.byteCounts = byteCounts
        self.mapping = mapping
        self.mappingLength = mappingLength
        let start = UnsafePointer(mapping.assumingMemoryBound(to: UInt8.self))
        self.base = start
        self.length = Self.headerSize + dataLength
        self.pairSets = start + pairOffset
        self.pairBlockCount = (mappingLength - pairOffset) / Self.pairSetBytes
    }

    deinit { munmap(mapping, mappingLength) }

    private static let cache = LockedDictionary<CorpusImage>()

    /// The image for the corpus at `root`, building it on first use when the corpus is large
    /// enough; nil when `root` is not a git work tree or the image cannot be made.
    static func forCorpus(root: URL, minimumFiles: Int, walk: (String, (String, String) -> Void) -> Void) -> CorpusImage? {
        guard minimumFiles < Int.max, let (gitDirectory, commit) = corpusCommit(root) else { return nil }
        let folder = gitDirectory.appendingPathComponent("fsctx/images", isDirectory: true)
        let file = folder.appendingPathComponent("\(commit).img")
        if let cached = cache.withLock({ $0[file.path] }) { return cached }
        if let image = load(file) {
            cache.withLock { $0[file.path] = image }
            return image
        }
        // The first `minimumFiles` files wait in memory; once that many are found the image is
        // written as the walk goes on.
        var waiting: [(String, String)] = []
        var writer: CorpusImageWriter?
        var failed = false
        func start() {
            writer = CorpusImageWriter(file: file, folder: folder)
            failed = writer == nil
            for (path, real) in waiting where !failed { failed = writer?.add(path: path, real: real) != true }
            waiting = []
        }
        walk(".") { path, real in
            guard !failed else { return }
            if let writer {
                failed = !writer.add(path: path, real: real)
            } else {
                waiting.append((path, real))
                if waiting.count >= max(1, minimumFiles) { start() }
            }
        }
        if writer == nil, !failed, waiting.count >= minimumFiles { start() }
        guard !failed, let writer, writer.finish(), let image = load(file) else { return nil }
        cache.withLock { $0[file.path] = image }
        return image
    }

    /// The git directory and the commit `HEAD` names, read from the files (no libgit2 start-up
    /// on the hot path); libgit2 when the layout is unusual (a `.git` file, a detached worktree).
    static func corpusCommit(_ root: URL) -> (URL, String)? {
        let gitDirectory = root.appendingPathComponent(".git", isDirectory: true)
        func read(_ path: String) -> String? {
            (try? String(contentsOf: gitDirectory.appendingPathComponent(path), encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func isCommitID(_ text: String) -> Bool { text.utf8.count == 40 && text.allSatisfy(\.isHexDigit) }
        if let head = read("HEAD") {
            if isCommitID(head) { return (gitDirectory, head) }
            if head.hasPrefix("ref: ") {
                let name = String(head.dropFirst(5))
                if let target = read(name), isCommitID(target) { return (gitDirectory, target) }
                if let packed = read("packed-refs") {
                    for line in packed.split(separator: "\n") where line.hasSuffix(" " + name) {
                        let id = String(line.prefix(40))
                        if isCommitID(id) { return (gitDirectory, id) }
                    }
                }
            }
        }
        guard let repository = try? GitRepository.open(at: root), let head = try? repository.resolveReference("HEAD") else { return nil }
        return (repository.gitDirectory, head.hex)
    }

    static func load(_ file: URL) -> CorpusImage? {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size >= 24 else { return nil }
        let size = Int(info.st_size)
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else { return nil }
        let bytes = UnsafeRawBufferPointer(start: mapping, count: size)
        func word(_ at: Int) -> Int { Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }
        guard Array(bytes.prefix(8)) == magic, size >= headerSize else { munmap(mapping, size); return nil }
        let count = word(8), indexOffset = word(16)
        let pairOffset = word(24 + 256 * 8)
        guard count >= 0, indexOffset >= headerSize, pairOffset >= indexOffset, pairOffset <= size,
              (size - pairOffset) % pairSetBytes == 0,
              (size - pairOffset) / pairSetBytes == (indexOffset - headerSize + pairBlockSize - 1) / pairBlockSize,
              let entries = Entries(mapping: UnsafeRawPointer(mapping), count: count, dataLength: indexOffset - headerSize,
                                    recordsStart: indexOffset, recordsEnd: pairOffset)
        else { munmap(mapping, size); return nil }
        let byteCounts = (0..<256).map { word(24 + $0 * 8) }
        return CorpusImage(file: file, entries: entries, byteCounts: byteCounts, mapping: mapping, mappingLength: size,
                           dataLength: indexOffset - headerSize, pairOffset: pairOffset)
    }

    static func bytes(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    static func writeAll(_ descriptor: Int32, _ data: [UInt8]) -> Bool {
        data.withUnsafeBytes { writeAll(descriptor, $0.baseAddress, count: $0.count) }
    }

    /// Writes `count` bytes from `bytes`, however many calls it takes; false when a write fails.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, count: Int) -> Bool {
        var written = 0
        while written < count {
            let result = write(descriptor, bytes! + written, count - written)
            if result <= 0 { return false }
            written += result
        }
        return true
    }

    /// The bytes of the consecutive entries `range`, with the newline after each: one stretch
    /// of the image's data.
    func bytes(_ range: ClosedRange<Int>) -> Int {
        let first = entries[range.lowerBound], last = entries[range.upperBound]
        return last.offset + last.length + 1 - first.offset
    }

    /// Drops this process's mapping of the bytes and records of the entries in `range` (the
    /// page cache keeps them; a later read maps them again), so a pass over the whole image,
    /// such as the index build, keeps its resident memory bounded instead of growing to the
    /// image's size.
    func releasePages(_ range: Range<Int>) {
        guard let first = range.first, let last = range.last else { return }
        Self.release(mapping, entries[first].offset..<(entries[last].offset + entries[last].length))
        entries.releasePages(range)
    }

    /// `MADV_DONTNEED` over the pages that hold `bytes` of a read-only mapping at `base`.
    static func release(_ base: UnsafeRawPointer, _ bytes: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = bytes.lowerBound / page * page
        guard bytes.upperBound > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), bytes.upperBound - start, MADV_DONTNEED)
    }

    /// The path of entry `index`, relative to the corpus root, without its first `skip` bytes.
    func path(_ index: Int, droppingFirst skip: Int = 0) -> String {
        let entry = entries[index]
        let start = base + entry.pathOffset + skip
        return String(decoding: UnsafeBufferPointer(start: start, count: max(0, entry.pathLength - skip)), as: UTF8.self)
    }

    func hasPrefix(_ index: Int, _ prefix: [UInt8]) -> Bool {
        let entry = entries[index]
        guard entry.pathLength >= prefix.count else { return false }
        return memcmp(UnsafeRawPointer(mapping) + entry.pathOffset, prefix, prefix.count) == 0
    }

    /// The entries under the folder `virtual` (`.` for all), as a contiguous index range.
    func range(under virtual: String) -> Range<Int> {
        if virtual == "." { return 0..<entries.count }
        let prefix = Array((virtual + "/").utf8)
        guard let first = entries.indices.first(where: { hasPrefix($0, prefix) }) else { return 0..<0 }
        var end = first
        while end < entries.count && hasPrefix(end, prefix) { end += 1 }
        return first..<end
    }
}

/// A dictionary behind a lock, for process-wide caches.
final class LockedDictionary<Value>: @unchecked Sendable {
    private var storage: [String: Value] = [:]
    private let lock = NSLock()

    func withLock<T>(_ body: (inout [String: Value]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&storage)
    }
}
