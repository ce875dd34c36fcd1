import CSearchKernels
import Foundation

extension RegexMatcher {
    /// The leftmost occurrence of any literal (the longest at that position), in one pass over
    /// the positions of the literals' rare bytes: each such byte is a candidate start for the
    /// literals it is rare for. A literal starting before the best one found so far has its rare
    /// byte at most `reach` bytes after that start, so the pass stops there.
    func firstAlternative(_ literals: [LiteralSearch], rareBytes: [UInt8], _ base: UnsafePointer<UInt8>, _ length: Int, from: Int) -> (Int, Int)? {
        let reach = literals.map(\.rareIndex).max() ?? 0
        var best = Int.max, bestEnd = 0
        var scan = max(0, from)
        while scan < length && (best == Int.max || scan <= best + reach) {
            let limit = best == Int.max ? length : min(length, best + reach + 1)
            let found = rareBytes.withUnsafeBufferPointer {
                csearch_find_any(base + scan, limit - scan, $0.baseAddress!, $0.count, LiteralSearch.hasAVX2 ? 1 : 0)
            }
            if found < 0 { break }
            let candidate = scan + found
            let byte = base[candidate]
            for literal in literals where byte == literal.rareLower || byte == literal.rareUpper {
                let start = candidate - literal.rareIndex, end = start + literal.needle.count
                guard start >= from, end <= length, start < best || (start == best && end > bestEnd) else { continue }
                if literal.occurs(base, at: start) { (best, bestEnd) = (start, end) }
            }
            scan = candidate + 1
        }
        return best == Int.max ? nil : (best, bestEnd)
    }

    /// The leftmost occurrence of any literal (the longest one at that position, as POSIX
    /// grep chooses), with each literal's next position cached so a pass stays linear.
    @inline(__always)
    func firstAlternative(_ literals: [LiteralSearch], _ base: UnsafePointer<UInt8>, _ length: Int, from: Int, _ scratch: Scratch) -> (Int, Int)? {
        if let slot = scratch.caches.firstIndex(where: { $0.base == base && $0.length == length }) {
            if slot != scratch.caches.count - 1 { scratch.caches.append(scratch.caches.remove(at: slot)) }
        } else {
            if scratch.caches.count >= 2 { scratch.caches.removeFirst() }
            scratch.caches.append((base, length, Array(repeating: -1, count: literals.count)))
        }
        let cache = scratch.caches.count - 1
        var best = Int.max
        var bestEnd = 0
        for (index, literal) in literals.enumerated() {
            var position = scratch.caches[cache].next[index]
            if position < from {
                position = literal.find(base, length, from: from) ?? Int.max
                scratch.caches[cache].next[index] = position
            }
            if position == Int.max { continue }
            if position < best || (position == best && position + literal.needle.count > bestEnd) {
                best = position
                bestEnd = position + literal.needle.count
            }
        }
        return best == Int.max ? nil : (best, bestEnd)
    }
}
