import Foundation

/// Incremental `text/event-stream` parser: feed bytes as they arrive, collect complete
/// events. Handles `\n` and `\r\n`, multi-line data, comments, and events split across reads.
struct ServerSentEventParser {
    private var buffer = Data()
    private var eventName: String?
    private var dataLines: [String] = []
    private(set) var events: [ServerSentEvent] = []

    /// Whether a partial line or an undispatched event is pending (a cut stream).
    var hasPendingInput: Bool { !buffer.isEmpty || !dataLines.isEmpty }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        while let newline = buffer.firstIndex(of: 0x0A) {
            var line = buffer[buffer.startIndex..<newline]
            if line.last == 0x0D { line = line.dropLast() }
            buffer.removeSubrange(buffer.startIndex...newline)
            handle(line: String(decoding: line, as: UTF8.self))
        }
    }

    private mutating func handle(line: String) {
        if line.isEmpty {
            if !dataLines.isEmpty { events.append(ServerSentEvent(event: eventName, data: dataLines.joined(separator: "\n"))) }
            eventName = nil
            dataLines = []
            return
        }
        if line.hasPrefix(":") { return }
        let (field, value): (Substring, Substring) = {
            guard let colon = line.firstIndex(of: ":") else { return (Substring(line), "") }
            var value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
            return (line[..<colon], value)
        }()
        switch field {
        case "data": dataLines.append(String(value))
        case "event": eventName = String(value)
        default: break
        }
    }
}
