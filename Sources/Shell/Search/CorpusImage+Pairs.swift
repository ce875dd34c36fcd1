import Foundation

/// The image's pair index: for each 1 MB block of data, the set of byte pairs (a byte and the
/// one after it) that start in the block. A literal can occur in a stretch of the image only
/// when every pair of adjacent needle bytes starts in one of the blocks the stretch overlaps,
/// so a search for a rare literal skips almost every block without reading it.
extension CorpusImage {
    static let pairBlockSize = 1 << 20
    static let pairSetBytes = 65536 / 8

    /// Whether `needle` (lowercase ASCII when `caseless`) may occur within the image bytes
    /// `range` (offsets from `base`); false only when some pair of it starts in none of the
    /// blocks the range overlaps.
    func mayContain(_ needle: [UInt8], caseless: Bool, in range: Range<Int>) -> Bool {
        guard needle.count >= 2, !range.isEmpty else { return !range.isEmpty || needle.isEmpty }
        let first = max(0, range.lowerBound - Self.headerSize) / Self.pairBlockSize
        let last = min(pairBlockCount - 1, max(0, range.upperBound - 1 - Self.headerSize) / Self.pairBlockSize)
        guard first <= last else { return true }
        for index in 0..<(needle.count - 1) {
            let lefts = Self.cases(needle[index], caseless), rights = Self.cases(needle[index + 1], caseless)
            var present = false
            search: for block in first...last {
                let set = pairSets + block * Self.pairSetBytes
                for left in lefts {
                    for right in rights {
                        let pair = Int(left) << 8 | Int(right)
                        if set[pair >> 3] & (1 << UInt8(pair & 7)) != 0 { present = true; break search }
                    }
                }
            }
            if !present { return false }
        }
        return true
    }

    private static func cases(_ byte: UInt8, _ caseless: Bool) -> [UInt8] {
        guard caseless, LiteralSearch.upper(byte) != byte else { return [byte] }
        return [byte, LiteralSearch.upper(byte)]
    }
}

/// Builds the pair index while the image's data is written, block by block.
struct PairIndexWriter {
    private var sets: [UInt8] = []
    private var current = [UInt8](repeating: 0, count: CorpusImage.pairSetBytes)
    private var previous: UInt8?
    /// Closed sets handed out by `takeClosedSets`.
    private var taken = 0
    /// Data bytes seen so far.
    private var position = 0

    /// Adds the next data bytes: each pair is filed under the block its first byte is in.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var previous = self.previous, position = self.position
        var closed: [UInt8] = []
        current.withUnsafeMutableBufferPointer { set in
            for byte in bytes {
                if let previous {
                    let pair = Int(previous) << 8 | Int(byte)
                    set[pair >> 3] |= 1 << UInt8(pair & 7)
                }
                previous = byte
                position += 1
                // The pair starting at a block's last byte is that block's; close it after that pair.
                if position % CorpusImage.pairBlockSize == 1 && position > 1 {
                    closed.append(contentsOf: set)
                    set.update(repeating: 0)
                }
            }
        }
        sets += closed
        self.previous = previous
        self.position = position
    }

    /// The sets of the blocks closed since the last call (their bytes leave memory).
    mutating func takeClosedSets() -> [UInt8] {
        guard !sets.isEmpty else { return [] }
        taken += sets.count / CorpusImage.pairSetBytes
        defer { sets = [] }
        return sets
    }

    /// The rest of the index: one set per block of data not yet taken (the last one possibly partial).
    mutating func finish() -> [UInt8] {
        let blocks = (position + CorpusImage.pairBlockSize - 1) / CorpusImage.pairBlockSize
        if taken + sets.count / CorpusImage.pairSetBytes < blocks { sets += current }
        return sets
    }
}
