import SharedValues
import Foundation

/// The Anthropic messages wire format: request body, plain reply, streamed reply.
enum AnthropicWire {
    static func body(for request: ModelRequest, model: String, maxTokens: Int, stream: Bool) -> JSONValue {
        let system = request.messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n\n")
        var body: [String: JSONValue] = ["model": .string(model), "max_tokens": .number(Double(maxTokens)),
                                         "messages": .array(messages(request.messages))]
        if !system.isEmpty { body["system"] = .string(system) }
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { ["name": .string($0.name), "description": .string($0.description), "input_schema": $0.parameters] })
        }
        if let temperature = request.temperature { body["temperature"] = .number(temperature) }
        if !request.stop.isEmpty { body["stop_sequences"] = .array(request.stop.map { .string($0) }) }
        if stream { body["stream"] = true }
        return .object(body)
    }

    /// Non-system messages as Anthropic turns; consecutive tool results merge into one user turn.
    private static func messages(_ messages: [ChatMessage]) -> [JSONValue] {
        var turns: [(role: String, blocks: [JSONValue])] = []
        for message in messages where message.role != .system {
            let role = message.role == .assistant ? "assistant" : "user"
            var blocks: [JSONValue] = []
            switch message.role {
            case .tool:
                blocks.append(["type": "tool_result", "tool_use_id": .string(message.toolCallID ?? ""), "content": .string(message.content)])
            case .assistant:
                if !message.content.isEmpty { blocks.append(["type": "text", "text": .string(message.content)]) }
                for call in message.toolCalls {
                    let input = call.arguments.flatMap { $0.objectValue != nil ? $0 : nil } ?? ["_invalid_arguments": .string(call.argumentsText)]
                    blocks.append(["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": input])
                }
            default:
                blocks.append(["type": "text", "text": .string(message.content)])
            }
            if let last = turns.last, last.role == role { turns[turns.count - 1].blocks += blocks } else { turns.append((role, blocks)) }
        }
        return turns.map { ["role": .string($0.role), "content": .array($0.blocks)] }
    }

    static func decode(_ reply: HTTPResponse, host: String) throws -> ModelResponse {
        guard let json = JSONValue(parsing: reply.text), json.objectValue != nil else {
            throw ModelError(.badResponse, "\(host) returned a reply that is not JSON (\(reply.body.count) bytes): \(reply.text.prefix(80))")
        }
        guard let content = json["content"]?.arrayValue else {
            throw ModelError(.badResponse, "\(host) returned JSON without a content array; is this the Anthropic messages API?")
        }
        var text = "", calls: [ToolCall] = []
        for block in content {
            switch block["type"]?.stringValue {
            case "text": text += block["text"]?.stringValue ?? ""
            case "tool_use":
                calls.append(ToolCall(id: block["id"]?.stringValue ?? "toolu_\(calls.count)", name: block["name"]?.stringValue ?? "",
                                      argumentsText: (block["input"] ?? [:]).jsonText))
            default: break
            }
        }
        return ModelResponse(text: text, toolCalls: calls,
                             usage: TokenUsage(promptTokens: json["usage"]?["input_tokens"]?.intValue ?? 0,
                                               completionTokens: json["usage"]?["output_tokens"]?.intValue ?? 0, costUSD: nil),
                             finishReason: finishReason(json["stop_reason"]?.stringValue), latencySeconds: 0,
                             model: json["model"]?.stringValue ?? "")
    }

    static func decodeStream(_ reply: HTTPResponse, host: String) throws -> ModelResponse {
        var text = "", model = "", stop: String?, input = 0, output = 0, finished = false
        var blocks: [Int: (type: String, id: String, name: String, json: String)] = [:]
        for event in reply.events {
            guard let json = JSONValue(parsing: event.data) else {
                throw ModelError(.badResponse, "\(host) sent a stream event that is not JSON: \(event.data.prefix(80))")
            }
            switch json["type"]?.stringValue ?? event.event {
            case "message_start":
                model = json["message"]?["model"]?.stringValue ?? model
                input = json["message"]?["usage"]?["input_tokens"]?.intValue ?? input
            case "content_block_start":
                let block = json["content_block"]
                blocks[json["index"]?.intValue ?? 0] = (block?["type"]?.stringValue ?? "", block?["id"]?.stringValue ?? "",
                                                        block?["name"]?.stringValue ?? "", "")
            case "content_block_delta":
                let index = json["index"]?.intValue ?? 0, delta = json["delta"]
                if let piece = delta?["text"]?.stringValue { text += piece }
                if let piece = delta?["partial_json"]?.stringValue { blocks[index]?.json += piece }
            case "message_delta":
                stop = json["delta"]?["stop_reason"]?.stringValue ?? stop
                output = json["usage"]?["output_tokens"]?.intValue ?? output
            case "message_stop": finished = true
            case "error":
                throw ModelError(.serverError, "\(host) sent an error event: \(json["error"]?["message"]?.stringValue ?? event.data.prefix(120).description)")
            default: break
            }
        }
        guard finished else {
            throw ModelError(.network, "the stream from \(host) ended before message_stop after \(reply.events.count) events; the connection was cut")
        }
        let calls = blocks.keys.sorted().compactMap { index -> ToolCall? in
            guard let block = blocks[index], block.type == "tool_use" else { return nil }
            return ToolCall(id: block.id, name: block.name, argumentsText: block.json.isEmpty ? "{}" : block.json)
        }
        return ModelResponse(text: text, toolCalls: calls, usage: TokenUsage(promptTokens: input, completionTokens: output, costUSD: nil),
                             finishReason: finishReason(stop), latencySeconds: 0, model: model)
    }

    private static func finishReason(_ text: String?) -> FinishReason {
        switch text {
        case "end_turn", "stop_sequence", nil: .stop
        case "max_tokens": .length
        case "tool_use": .toolCalls
        case "refusal": .contentFilter
        default: .other
        }
    }
}
