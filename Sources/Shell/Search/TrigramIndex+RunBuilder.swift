import Foundation

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
        image.releasePages(entries)
        guard let out = BufferedOutput(path) else { return false }
        var index = 0
        let items = postings
        while index < items.count {
            let key = UInt32(truncatingIfNeeded: items[index] >> 32)
            var end = index
            while end < items.count && UInt32(truncatingIfNeeded: items[end] >> 32) == key { end += 1 }
            out.appendRunList(key: key, count: end - index) { emit in
                for item in items[index..<end] { emit(Int32(truncatingIfNeeded: item & 0xffff_ffff)) }
            }
            index = end
        }
        out.appendWord32(UInt32.max)
        return out.close()
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
