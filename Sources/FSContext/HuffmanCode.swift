/// A canonical, length-limited Huffman code as DEFLATE (RFC 1951 §3.2.2) defines it: code
/// lengths per symbol, and each symbol's code already bit-reversed for LSB-first output.
struct HuffmanCode {
    /// Code length in bits per symbol (0: the symbol is unused).
    private(set) var lengths: [UInt8]
    /// Bit-reversed codes per symbol, ready to be OR-ed into an LSB-first bit buffer.
    private(set) var codes: [UInt16]

    /// The optimal code for `frequencies` with no code longer than `limit` bits. Fewer than two
    /// used symbols are padded with symbol 0 or 1 so that the code is complete (zlib's inflate
    /// rejects incomplete codes); over-long codes are avoided by flattening the frequencies.
    init(frequencies: [UInt32], limit: Int) {
        var weights = frequencies
        var used = weights.indices.filter { weights[$0] > 0 }
        for padding in [0, 1] where used.count < 2 && !used.contains(padding) {
            weights[padding] = 1
            used.append(padding)
        }
        var lengths = HuffmanCode.unlimitedLengths(weights, used: used)
        while lengths.max()! > limit {
            for symbol in used { weights[symbol] = (weights[symbol] >> 1) | 1 }
            lengths = HuffmanCode.unlimitedLengths(weights, used: used)
        }
        self.lengths = lengths
        codes = HuffmanCode.canonicalCodes(lengths)
    }

    /// Huffman code lengths by the two-queue method over leaves sorted by weight.
    private static func unlimitedLengths(_ weights: [UInt32], used: [Int]) -> [UInt8] {
        let leaves = used.map { UInt64(weights[$0]) << 16 | UInt64($0) }.sorted().map { Int($0 & 0xFFFF) }
        var weight = leaves.map { UInt64(weights[$0]) }  // leaves, then internal nodes in creation order
        var parent = [Int](repeating: 0, count: 2 * leaves.count - 1)
        var nextLeaf = 0, nextInternal = leaves.count
        func takeLightest() -> Int {
            if nextLeaf < leaves.count, nextInternal >= weight.count || weight[nextLeaf] <= weight[nextInternal] {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextInternal += 1
            return nextInternal - 1
        }
        for node in leaves.count..<(2 * leaves.count - 1) {
            let (a, b) = (takeLightest(), takeLightest())
            weight.append(weight[a] + weight[b])
            parent[a] = node
            parent[b] = node
        }
        var depth = [UInt8](repeating: 0, count: parent.count)  // the root (last node) has depth 0
        for node in stride(from: parent.count - 2, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        var lengths = [UInt8](repeating: 0, count: weights.count)
        for (index, symbol) in leaves.enumerated() { lengths[symbol] = depth[index] }
        return lengths
    }

    /// Canonical codes (RFC 1951 §3.2.2), bit-reversed.
    private static func canonicalCodes(_ lengths: [UInt8]) -> [UInt16] {
        var countPerLength = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { countPerLength[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1..<16 {
            code = (code + countPerLength[length - 1]) << 1
            next[length] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            codes[symbol] = reversed(UInt16(next[Int(length)]), bits: Int(length))
            next[Int(length)] += 1
        }
        return codes
    }

    /// The low `bits` bits of `value` in reverse order.
    private static func reversed(_ value: UInt16, bits: Int) -> UInt16 {
        var v = (value & 0x5555) << 1 | (value >> 1) & 0x5555
        v = (v & 0x3333) << 2 | (v >> 2) & 0x3333
        v = (v & 0x0F0F) << 4 | (v >> 4) & 0x0F0F
        v = v << 8 | v >> 8
        return v >> UInt16(16 - bits)
    }
}
