import FSContext
import Foundation

extension ModelRequest {
    /// A stable fingerprint of what the model sees: FNV-1a 64 (16 hex digits) over the
    /// canonical JSON (sorted keys) of `messages` and `tools`. Sampling settings are left out,
    /// so a replay with another temperature still matches.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Canonical: Encodable { let messages: [ChatMessage]; let tools: [ToolSchema] }
        let data = (try? encoder.encode(Canonical(messages: messages, tools: tools))) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// One readable line: message and tool counts and the head of the last message.
    public var summary: String {
        let last = messages.last.map { message -> String in
            let text = message.content.isEmpty ? message.toolCalls.map(\.name).joined(separator: ",") : message.content
            let head = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "\(message.role.rawValue): \(head.prefix(80))"
        } ?? "(no messages)"
        return "\(messages.count) messages, \(tools.count) tools; last \(last)"
    }
}
