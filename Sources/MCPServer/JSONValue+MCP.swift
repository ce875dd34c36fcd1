import FSContext
import Foundation
import MCP

extension JSONValue {
    /// The same JSON as an MCP `Value` (numbers that are whole become `.int`).
    var mcpValue: MCP.Value {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .number(let value):
            value.rounded() == value && abs(value) < 9.0e15 ? .int(Int(value)) : .double(value)
        case .string(let value): .string(value)
        case .array(let values): .array(values.map(\.mcpValue))
        case .object(let members): .object(members.mapValues(\.mcpValue))
        }
    }

    /// An MCP `Value` as JSON (binary data becomes a base64 `data:` URL string).
    init(mcp value: MCP.Value) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .number(Double(number))
        case .double(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .data(let mimeType, let data):
            self = .string("data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let values): self = .array(values.map { JSONValue(mcp: $0) })
        case .object(let members): self = .object(members.mapValues { JSONValue(mcp: $0) })
        }
    }
}
