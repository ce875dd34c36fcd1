/// The header of a DEFLATE block with dynamic Huffman codes (RFC 1951 §3.2.7) for a
/// literals-only block: 257 literal/length code lengths (bytes and end of block) and two unused
/// one-bit distance codes (zlib's convention: a complete distance code even when none is used),
/// run-length coded with symbols 16–18 under a code-length code of at most 7 bits.
struct DynamicBlockHeader {
    /// The order in which code-length code lengths are sent.
    private static let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    private struct Run { let symbol: Int, extraBits: Int, extra: Int }
    private let runs: [Run]
    private let lengthCode: HuffmanCode
    private let sentLengthCodes: Int
    /// Bits the header takes, block type included.
    let bitCount: Int

    /// The header for `literals` (lengths of symbols 0…256).
    init(literals: HuffmanCode) {
        let sequence = Array(literals.lengths.prefix(257)) + [1, 1]
        var runs: [Run] = []
        var index = 0
        while index < sequence.count {
            let length = Int(sequence[index])
            var run = 1
            while index + run < sequence.count, sequence[index + run] == sequence[index] { run += 1 }
            index += run
            if length == 0 {
                while run >= 11 { let take = min(run, 138); runs.append(Run(symbol: 18, extraBits: 7, extra: take - 11)); run -= take }
                if run >= 3 { runs.append(Run(symbol: 17, extraBits: 3, extra: run - 3)); run = 0 }
            } else {
                runs.append(Run(symbol: length, extraBits: 0, extra: 0))
                run -= 1
                while run >= 3 { let take = min(run, 6); runs.append(Run(symbol: 16, extraBits: 2, extra: take - 3)); run -= take }
            }
            runs += repeatElement(Run(symbol: length, extraBits: 0, extra: 0), count: run)
        }
        var frequencies = [UInt32](repeating: 0, count: 19)
        for run in runs { frequencies[run.symbol] += 1 }
        let lengthCode = HuffmanCode(frequencies: frequencies, limit: 7)
        self.lengthCode = lengthCode
        var sent = 19
        while sent > 4, lengthCode.lengths[DynamicBlockHeader.order[sent - 1]] == 0 { sent -= 1 }
        sentLengthCodes = sent
        self.runs = runs
        bitCount = 3 + 5 + 5 + 4 + 3 * sent + runs.reduce(0) { $0 + Int(lengthCode.lengths[$1.symbol]) + $1.extraBits }
    }

    /// Writes the header after the block type bits.
    func write(into writer: inout DeflateBitWriter) {
        writer.put(0, 5)  // 257 literal/length codes
        writer.put(1, 5)  // 2 distance codes
        writer.put(UInt64(sentLengthCodes - 4), 4)
        for symbol in DynamicBlockHeader.order.prefix(sentLengthCodes) { writer.put(UInt64(lengthCode.lengths[symbol]), 3) }
        for run in runs {
            writer.put(UInt64(lengthCode.codes[run.symbol]), Int(lengthCode.lengths[run.symbol]))
            if run.extraBits > 0 { writer.put(UInt64(run.extra), run.extraBits) }
        }
    }
}
