/// The corpus paths of a materialize run in one byte arena (no string object per path), with
/// the order that sorts them as git does (byte order of the whole path, which is git's tree
/// order and the index's order).
struct PathTable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Whether the paths were appended in sorted order (documents and chunks of one input are).
    private(set) var appendedInOrder = true

    init(capacity: Int) { ends.reserveCapacity(capacity) }

    var count: Int { ends.count }

    mutating func append(_ path: String) {
        var path = path
        path.withUTF8 { utf8 in
            if appendedInOrder, !ends.isEmpty {
                appendedInOrder = withBytes(ends.count - 1) { $0.lexicographicallyPrecedes(utf8) }
            }
            bytes.append(contentsOf: utf8)
        }
        ends.append(bytes.count)
    }

    /// Path `index`'s UTF-8 bytes, for the duration of `body`.
    func withBytes<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let start = index == 0 ? 0 : ends[index - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }

    subscript(index: Int) -> String { withBytes(index) { String(decoding: $0, as: UTF8.self) } }

    /// Indices in git's order (byte order of the paths); nil when that is the order they came in.
    func sortedOrder() -> [Int32]? {
        guard !appendedInOrder else { return nil }
        var order = (0..<Int32(count)).map { $0 }
        bytes.withUnsafeBufferPointer { arena in
            ends.withUnsafeBufferPointer { ends in
                func slice(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
                    let index = Int(i)
                    return UnsafeBufferPointer(rebasing: arena[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
                }
                order.sort { slice($0).lexicographicallyPrecedes(slice($1)) }
            }
        }
        return order
    }

    /// Whether paths `a` and `b` are equal.
    func equal(_ a: Int, _ b: Int) -> Bool { withBytes(a) { left in withBytes(b) { left.elementsEqual($0) } } }
}
