import SharedValues
import Foundation

extension ModelRequest {
    /// A stable fingerprint of what the model sees: FNV-1a 64 (16 hex digits) over every
    /// message's role, text, tool calls and tool-call id, then every tool's name, description
    /// and canonical JSON schema, each field closed by a 0xFF byte (never in UTF-8). Sampling
    /// settings are left out, so a replay with another temperature still matches. Hashing the
    /// fields directly (not an encoded JSON document) keeps it cheap as a conversation grows.
    public var fingerprint: String {
        var hasher = FNV1a64()
        for message in messages {
            hasher.add(message.role.rawValue)
            hasher.add(Self.withoutCommitIDs(message.content))
            for call in message.toolCalls {
                hasher.add(call.id)
                hasher.add(call.name)
                hasher.add(call.argumentsText)
            }
            hasher.add(message.toolCallID ?? "")
        }
        for tool in tools {
            hasher.add(tool.name)
            hasher.add(tool.description)
            hasher.add(tool.parameters.jsonText)
        }
        return hasher.hex
    }

    /// `text` with the commit id after each `see git show ` (in compaction lines) replaced by
    /// `<commit>`: a replay writes other commits, and the model saw the same thing.
    static func withoutCommitIDs(_ text: String) -> String {
        let marker = "see git show "
        guard containsMarker(text) else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: marker) {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...].drop { $0.isHexDigit }
            result += "<commit>"
        }
        return result + rest
    }

    /// Whether `text` holds `see git show ` — a plain byte scan: `String.contains` goes through
    /// Foundation's `range(of:)` here and cost more than hashing the conversation itself.
    static func containsMarker(_ text: String) -> Bool {
        let marker = Array("see git show ".utf8)
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= marker.count else { return false }
            var index = 0
            let last = bytes.count - marker.count
            while index <= last {
                if bytes[index] == marker[0] {
                    var matched = 1
                    while matched < marker.count && bytes[index + matched] == marker[matched] { matched += 1 }
                    if matched == marker.count { return true }
                }
                index += 1
            }
            return false
        }
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

