import Foundation

/// A trigram index over a corpus image (codesearch's design): for every trigram of ASCII-folded
/// bytes that occurs in some file, the sorted list of image entries (files) that contain it.
/// A recursive grep turns its pattern into a `TrigramQuery`, asks the index for the candidate
/// files, and searches only those.
///
/// It lives beside the image at `<git-dir>/fsctx/images/<commit-id>.tri`, is keyed by the same
/// corpus commit, and records the image's entry count and size, so an index never serves
/// another image. It is built into a temporary folder and renamed into place whole
/// (`TrigramIndex+Build.swift`), so a killed build leaves nothing a reader would use.
///
/// Layout: header (magic, entry count, image size, trigram count, table offset), the posting
/// lists (varint deltas of entry numbers, the first from -1), the table (per trigram: key,
/// posting count, file offset of its list), and a trailer magic.
final class TrigramIndex: @unchecked Sendable {
    static let magic = Array("FSCTXTG1".utf8)
    static let trailer = Array("FSCTXTGE".utf8)
    static let headerSize = 40
    static let tableEntrySize = 16

    let entryCount: Int
    let trigramCount: Int
    /// The file's size in bytes.
    let size: Int
    private let base: UnsafePointer<UInt8>
    private let tableOffset: Int
    private let mapping: UnsafeMutableRawPointer

    private init(mapping: UnsafeMutableRawPointer, size: Int, entryCount: Int, trigramCount: Int, tableOffset: Int) {
        self.mapping = mapping
        self.size = size
        self.base = UnsafePointer(mapping.assumingMemoryBound(to: UInt8.self))
        self.entryCount = entryCount
        self.trigramCount = trigramCount
        self.tableOffset = tableOffset
    }

    deinit { munmap(mapping, size) }

    /// The index file for an image file (`<commit>.img` → `<commit>.tri`).
    static func file(forImage image: URL) -> URL { image.deletingPathExtension().appendingPathExtension("tri") }

    private static let cache = LockedDictionary<TrigramIndex>()

    /// The index for `image` (stored at `file`), loaded or, when `build` allows, built now;
    /// nil when there is none and none could be made.
    static func forImage(_ image: CorpusImage, file: URL, build: Bool) -> TrigramIndex? {
        if let cached = cache.withLock({ $0[file.path] }), cached.entryCount == image.entries.count { return cached }
        var index = load(file, image: image)
        if index == nil && build {
            guard Self.build(image, to: file) else { return nil }
            index = load(file, image: image)
        }
        if let index { cache.withLock { $0[file.path] = index } }
        return index
    }

    /// Maps and checks an index file; nil when missing, for another image, or damaged.
    static func load(_ file: URL, image: CorpusImage) -> TrigramIndex? {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, Int(info.st_size) >= headerSize + trailer.count else { return nil }
        let size = Int(info.st_size)
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else { return nil }
        let bytes = UnsafeRawBufferPointer(start: mapping, count: size)
        func word(_ at: Int) -> Int { Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }
        let entryCount = word(8), imageSize = word(16), trigramCount = word(24), tableOffset = word(32)
        guard Array(bytes.prefix(8)) == magic, Array(bytes.suffix(trailer.count)) == trailer,
              entryCount == image.entries.count, imageSize == image.length,
              tableOffset >= headerSize, trigramCount >= 0,
              tableOffset + trigramCount * tableEntrySize + trailer.count == size
        else { munmap(mapping, size); return nil }
        return TrigramIndex(mapping: mapping, size: size, entryCount: entryCount, trigramCount: trigramCount, tableOffset: tableOffset)
    }

    @inline(__always) private func word32(_ at: Int) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    /// Where the posting list of `key` is: (count, offset), or nil when no file has it.
    func lookup(_ key: UInt32) -> (count: Int, offset: Int)? {
        var low = 0, high = trigramCount
        while low < high {
            let middle = (low + high) / 2
            if word32(tableOffset + middle * Self.tableEntrySize) < key { low = middle + 1 } else { high = middle }
        }
        let entry = tableOffset + low * Self.tableEntrySize
        guard low < trigramCount, word32(entry) == key else { return nil }
        let offset = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self)
        return (Int(word32(entry + 4)), Int(UInt64(littleEndian: offset)))
    }

    /// How many files hold `key`.
    func count(_ key: UInt32) -> Int { lookup(key)?.count ?? 0 }

    /// The sorted entry numbers of the files that hold `key`.
    func postings(_ key: UInt32) -> [Int32] {
        guard let (count, offset) = lookup(key) else { return [] }
        var result = [Int32](repeating: 0, count: count)
        result.withUnsafeMutableBufferPointer { out in
            var slot = 0
            decode(count, at: offset) { entry in
                out[slot] = entry
                slot += 1
            }
        }
        return result
    }

    /// The files of `list` (sorted) that also hold `key`. A dense list is filtered through a
    /// bitmap of `key`'s files (a bit set per posting, a bit test per file) instead of merged
    /// with the decoded list: for a common word at 10 GB (lists of a million files) the merge's
    /// branches cost more than the decoding.
    func intersect(_ list: [Int32], with key: UInt32, bitmapFrom dense: Int? = nil) -> [Int32] {
        guard let (count, offset) = lookup(key) else { return [] }
        guard list.count >= dense ?? entryCount / 64 else { return Self.intersect(list, postings(key)) }
        var bits = [UInt64](repeating: 0, count: (entryCount + 63) / 64)
        bits.withUnsafeMutableBufferPointer { bits in
            decode(count, at: offset) { entry in bits[Int(entry) >> 6] |= 1 << UInt64(entry & 63) }
        }
        var result: [Int32] = []
        result.reserveCapacity(min(list.count, count))
        bits.withUnsafeBufferPointer { bits in
            for entry in list where bits[Int(entry) >> 6] & (1 << UInt64(entry & 63)) != 0 { result.append(entry) }
        }
        return result
    }

    /// Hands the `count` entries of the posting list at `offset` to `body`, in order.
    @inline(__always) private func decode(_ count: Int, at offset: Int, _ body: (Int32) -> Void) {
        var position = offset
        var previous: Int32 = -1
        for _ in 0..<count {
            var value: UInt32 = 0, shift: UInt32 = 0
            while true {
                let byte = base[position]
                position += 1
                value |= UInt32(byte & 0x7f) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            previous &+= Int32(bitPattern: value)
            body(previous)
        }
    }

    /// Scanning this many bytes of a candidate file costs about as much as decoding one posting
    /// (a varint and a step of the intersection: ~2 ns against a scan at several GB/s).
    static let postingCostInBytes = 16

    /// The sorted entry numbers of the files that may match `query`; nil for every file.
    ///
    /// With `bytes` (the bytes held by a stretch of consecutive entries), an AND stops
    /// intersecting once the next list is dearer to
    /// decode than scanning what it could still remove: a rare literal's first trigram leaves a
    /// handful of files, and the common trigrams after it (a posting in nearly every file, so
    /// millions at 10 GB) would cost milliseconds to drop none of them. The result is then a
    /// superset, which the search checks anyway. Without `bytes` every list is intersected.
    func candidates(_ query: TrigramQuery, bytes: Bytes? = nil) -> [Int32]? {
        switch query {
        case .all: return nil
        case .none: return []
        case .trigram(let key): return postings(key)
        case .and(let items):
            // Rarest trigrams first, so the running set is small from the start.
            let ordered = items.sorted { cost($0) < cost($1) }
            var result: [Int32]?
            for item in ordered {
                if let result, let bytes, !Self.worthDecoding(cost(item), toNarrow: result, bytes: bytes) { break }
                if let current = result, case .trigram(let key) = item {
                    result = intersect(current, with: key)
                    if result?.isEmpty == true { return [] }
                    continue
                }
                guard let list = candidates(item, bytes: bytes) else { continue }
                result = result.map { Self.intersect($0, list) } ?? list
                if result?.isEmpty == true { return [] }
            }
            return result
        case .or(let items):
            var result: [Int32] = []
            for item in items {
                guard let list = candidates(item, bytes: bytes) else { return nil }
                result = Self.union(result, list)
            }
            return result
        }
    }

    /// The bytes held by the consecutive entries `first...last` (in the image, their contents
    /// and newlines are one stretch, so two entries give the answer).
    typealias Bytes = (_ first: Int32, _ last: Int32) -> Int

    /// The bytes held by the entries of `list` (sorted), stretch by stretch of consecutive
    /// entries, stopping once the sum reaches `limit`.
    static func bytes(of list: [Int32], _ bytes: Bytes, upTo limit: Int = Int.max) -> Int {
        var sum = 0
        var index = 0
        while index < list.count && sum < limit {
            var end = index
            while end + 1 < list.count && list[end + 1] == list[end] + 1 { end += 1 }
            sum += bytes(list[index], list[end])
            index = end + 1
        }
        return sum
    }

    /// Whether decoding a list of `postings` entries costs less than scanning the bytes of
    /// `candidates` it could remove (summed only as far as needed to decide).
    static func worthDecoding(_ postings: Int, toNarrow candidates: [Int32], bytes: Bytes) -> Bool {
        let decodeCost = postings.multipliedReportingOverflow(by: postingCostInBytes)
        if decodeCost.overflow { return false }
        if candidates.count > decodeCost.partialValue { return true }
        return Self.bytes(of: candidates, bytes, upTo: decodeCost.partialValue) >= decodeCost.partialValue
    }

    /// A rough cost for ordering an AND: a trigram's file count; compound queries last.
    private func cost(_ query: TrigramQuery) -> Int {
        if case .trigram(let key) = query { return count(key) }
        return query == .all ? Int.max : entryCount
    }

    static func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(min(a.count, b.count))
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else { result.append(a[i]); i += 1; j += 1 }
        }
        return result
    }

    static func union(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var result: [Int32] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { result.append(a[i]); i += 1 }
            else if i == a.count || b[j] < a[i] { result.append(b[j]); j += 1 }
            else { result.append(a[i]); i += 1; j += 1 }
        }
        return result
    }
}
