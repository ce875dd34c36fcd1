import Foundation
import FSContext

/// Receives a program's output as it is produced, for callers that stream it (the CLI).
public typealias ShellOutputSink = @Sendable (UnsafeRawBufferPointer) -> Void

/// Collects a program's output up to the budget (and passes it to a sink when streaming),
/// counting what is left out, and writes the notice that says how much was cut and how to narrow it.
struct OutputBuffer {
    let limit: Int
    let sink: ShellOutputSink?
    /// Whether to keep the bytes (for the result and the record); a stream without a recorder keeps none.
    let keep: Bool
    private(set) var bytes: [UInt8] = []
    private(set) var accepted = 0
    /// Bytes still accepted before the budget cuts.
    var remaining: Int { max(0, limit - accepted) }
    private(set) var droppedBytes = 0
    private(set) var droppedLines = 0
    private var lastByte: UInt8 = 10

    init(limit: Int, sink: ShellOutputSink? = nil, keep: Bool = true) {
        self.limit = limit
        self.sink = sink
        self.keep = keep
    }

    mutating func append(_ chunk: [UInt8]) {
        let taken = min(max(0, limit - accepted), chunk.count)
        if taken > 0 {
            if let sink { chunk.withUnsafeBytes { sink(UnsafeRawBufferPointer(rebasing: $0[0..<taken])) } }
            if keep { bytes.append(contentsOf: chunk[0..<taken]) }
            accepted += taken
            lastByte = chunk[taken - 1]
        }
        guard taken < chunk.count else { return }
        droppedBytes += chunk.count - taken
        chunk.withUnsafeBufferPointer { buffer in
            var position = taken
            while position < buffer.count, let found = memchr(buffer.baseAddress! + position, 10, buffer.count - position) {
                droppedLines += 1
                position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - buffer.baseAddress! + 1
            }
        }
    }

    /// The kept output with the cut notice appended when something was left out (the notice
    /// also goes to the sink), and the number of bytes left out. This text goes to a model and
    /// into the step's JSON, so invalid UTF-8 (a corpus file's own bytes) is shown as U+FFFD,
    /// with one notice line saying how many (the sink got the bytes as they are).
    func finish() -> (String, Int) {
        var (text, replaced) = ModelText.decode(bytes)
        if replaced > 0 { text += (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + ModelText.notice(replaced: replaced) + "\n" }
        guard droppedBytes > 0 else { return (text, 0) }
        var notice = lastByte == 10 || replaced > 0 ? "" : "\n"
        notice += "[fsctx: output cut at \(limit) bytes; \(droppedBytes) more bytes (\(droppedLines) more lines) left out. "
            + "Narrow it: grep -m N, grep -l, | head -n N, read FILE START END, or a more specific path or pattern.]\n"
        if let sink { Array(notice.utf8).withUnsafeBytes { sink($0) } }
        text += notice
        return (text, droppedBytes)
    }
}
