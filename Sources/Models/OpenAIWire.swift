import SharedValues
import Foundation

/// The OpenAI chat-completions wire format: request body, plain reply, streamed reply.
enum OpenAIWire {
    /// The request body. `officialAPI` (api.openai.com) sends `max_completion_tokens`, which
    /// OpenAI's reasoning models require; other servers (vLLM, llama.cpp, Ollama, OpenRouter)
    /// get the widely supported `max_tokens`. Reasoning models (o1/o3/o4/gpt-5 families) reject
    /// a temperature, so none is sent to them.
    static func body(for request: ModelRequest, model: String, stream: Bool, officialAPI: Bool = false) -> JSONValue {
        var body: [String: JSONValue] = ["model": .string(model), "messages": .array(request.messages.map(message))]
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { tool in
                ["type": "function", "function": ["name": .string(tool.name), "description": .string(tool.description), "parameters": tool.parameters]]
            })
        }
        if let temperature = request.temperature, !isReasoningModel(model) { body["temperature"] = .number(temperature) }
        if let maxTokens = request.maxTokens { body[officialAPI ? "max_completion_tokens" : "max_tokens"] = .number(Double(maxTokens)) }
        if let seed = request.seed { body["seed"] = .number(Double(seed)) }
        if !request.stop.isEmpty { body["stop"] = .array(request.stop.map { .string($0) }) }
        if stream {
            body["stream"] = true
            body["stream_options"] = ["include_usage": true]
        }
        return .object(body)
    }

    /// OpenAI reasoning models, by name (also behind a `vendor/` prefix).
    static func isReasoningModel(_ model: String) -> Bool {
        let bare = (model.split(separator: "/").last.map(String.init) ?? model).lowercased()
        return ["o1", "o3", "o4", "gpt-5"].contains { bare == $0 || bare.hasPrefix($0 + "-") }
    }

    private static func message(_ message: ChatMessage) -> JSONValue {
        var object: [String: JSONValue] = ["role": .string(message.role.rawValue), "content": .string(message.content)]
        if message.role == .assistant, !message.toolCalls.isEmpty {
            if message.content.isEmpty { object["content"] = .null }
            object["tool_calls"] = .array(message.toolCalls.map { call in
                ["id": .string(call.id), "type": "function", "function": ["name": .string(call.name), "arguments": .string(call.argumentsText)]]
            })
        }
        if message.role == .tool, let id = message.toolCallID { object["tool_call_id"] = .string(id) }
        return .object(object)
    }

    static func decode(_ reply: HTTPResponse, host: String) throws -> ModelResponse {
        guard let json = JSONValue(parsing: reply.text), json.objectValue != nil else {
            throw ModelError(.badResponse, "\(host) returned a reply that is not JSON (\(reply.body.count) bytes): \(reply.text.prefix(80))")
        }
        guard let choice = json["choices"]?.arrayValue?.first, let message = choice["message"] else {
            throw ModelError(.badResponse, "\(host) returned JSON without choices[0].message; is this an OpenAI-compatible server?")
        }
        let calls = (message["tool_calls"]?.arrayValue ?? []).enumerated().map { index, call in
            ToolCall(id: call["id"]?.stringValue ?? "call_\(index)", name: call["function"]?["name"]?.stringValue ?? "",
                     argumentsText: argumentsText(call["function"]?["arguments"]))
        }
        return ModelResponse(text: message["content"]?.stringValue ?? "", toolCalls: calls, usage: usage(json["usage"]),
                             finishReason: finishReason(choice["finish_reason"]?.stringValue, hasCalls: !calls.isEmpty),
                             latencySeconds: 0, model: json["model"]?.stringValue ?? "")
    }

    static func decodeStream(_ reply: HTTPResponse, host: String) throws -> ModelResponse {
        var text = "", model = "", finish: String?, usageJSON: JSONValue?, done = false, chunks = 0
        var calls: [Int: (id: String, name: String, arguments: String)] = [:]
        for event in reply.events {
            if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" { done = true; break }
            guard let chunk = JSONValue(parsing: event.data) else {
                throw ModelError(.badResponse, "\(host) sent a stream event that is not JSON: \(event.data.prefix(80))")
            }
            if let name = chunk["model"]?.stringValue { model = name }
            if let usage = chunk["usage"], usage != .null { usageJSON = usage }
            guard let choice = chunk["choices"]?.arrayValue?.first else { continue }
            if let reason = choice["finish_reason"]?.stringValue { finish = reason }
            let delta = choice["delta"]
            if let piece = delta?["content"]?.stringValue, !piece.isEmpty { chunks += 1 }
            if delta?["tool_calls"] != nil { chunks += 1 }
            text += delta?["content"]?.stringValue ?? ""
            for call in delta?["tool_calls"]?.arrayValue ?? [] {
                let index = call["index"]?.intValue ?? 0
                var entry = calls[index] ?? ("", "", "")
                if let id = call["id"]?.stringValue { entry.id = id }
                if let name = call["function"]?["name"]?.stringValue { entry.name += name }
                switch call["function"]?["arguments"] {
                case .string(let piece)?: entry.arguments += piece
                case nil, .null?: break
                case let object?: entry.arguments += object.jsonText   // some servers send the object whole
                }
                calls[index] = entry
            }
        }
        guard done else {
            throw ModelError(.network, "the stream from \(host) ended before [DONE] after \(reply.events.count) events; the connection was cut")
        }
        let toolCalls = calls.keys.sorted().map { index in
            let call = calls[index]!
            return ToolCall(id: call.id.isEmpty ? "call_\(index)" : call.id, name: call.name, argumentsText: call.arguments)
        }
        var response = ModelResponse(text: text, toolCalls: toolCalls, usage: usage(usageJSON),
                                     finishReason: finishReason(finish, hasCalls: !toolCalls.isEmpty), latencySeconds: 0, model: model)
        if usageJSON == nil {
            // llama-cpp-python sends no usage in streams (even when asked): one chunk is one token there.
            response.usage.completionTokens = chunks
            response.usageNote = "the stream carried no usage: completion tokens counted as stream chunks"
        }
        return response
    }

    /// Arguments are a JSON string per the spec; some servers send an object instead.
    private static func argumentsText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case nil, .null?: "{}"
        case let other?: other.jsonText
        }
    }

    private static func usage(_ json: JSONValue?) -> TokenUsage {
        TokenUsage(promptTokens: json?["prompt_tokens"]?.intValue ?? 0,
                   completionTokens: json?["completion_tokens"]?.intValue ?? 0,
                   reasoningTokens: json?["completion_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0,
                   costUSD: nil)
    }

    private static func finishReason(_ text: String?, hasCalls: Bool) -> FinishReason {
        switch text {
        case "stop": hasCalls ? .toolCalls : .stop
        case "length": .length
        case "tool_calls", "function_call": .toolCalls
        case "content_filter": .contentFilter
        case nil: hasCalls ? .toolCalls : .stop
        default: .other
        }
    }
}
