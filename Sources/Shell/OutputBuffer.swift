/// Collects a program's output up to the budget, counting what is left out, and writes the
/// notice that says how much was cut and how to narrow it.
struct OutputBuffer {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var droppedBytes = 0
    private(set) var droppedLines = 0

    init(limit: Int) { self.limit = limit }

    mutating func append(_ chunk: some Collection<UInt8>) {
        let room = max(0, limit - bytes.count)
        if chunk.count <= room {
            bytes.append(contentsOf: chunk)
            return
        }
        bytes.append(contentsOf: chunk.prefix(room))
        let rest = chunk.dropFirst(room)
        droppedBytes += rest.count
        droppedLines += rest.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// The output text with the cut notice appended when something was left out, and the
    /// number of bytes left out.
    func finish() -> (String, Int) {
        var text = String(decoding: bytes, as: UTF8.self)
        guard droppedBytes > 0 else { return (text, 0) }
        if !text.hasSuffix("\n") { text += "\n" }
        text += "[fsctx: output cut at \(limit) bytes; \(droppedBytes) more bytes (\(droppedLines) more lines) left out. "
            + "Narrow it: grep -m N, grep -l, | head -n N, read FILE START END, or a more specific path or pattern.]\n"
        return (text, droppedBytes)
    }
}
