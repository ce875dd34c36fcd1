import SharedValues
import Foundation

extension LoopbackServer {
    /// What the llama.cpp server of llama-cpp-python 0.3.36 does (seen against Gemma 3 270M,
    /// `scripts/local-model`), so the fast tests keep it:
    /// - no `/tokenize` route (404); `POST /extras/tokenize/count {"input": …}` → `{"count": N}`;
    /// - `content: null` beside tool calls, and tool-call `arguments` as a JSON string or an object;
    /// - finish reasons it invents (`eos`), or none at all;
    /// - streams whose chunks carry no `usage` (even with `stream_options.include_usage`);
    /// - a model that repeats itself until `max_tokens`, then says `length`;
    /// - one slot: chat requests are served one at a time, in arrival order (`slot`), so a
    ///   request sent while another generates waits behind it.
    /// `script` picks the assistant message for each chat request (by index); the default is a
    /// rambling text reply cut at `max_tokens`.
    static func llamaCpp(generationSeconds: Double = 0, script: (@Sendable (LoopbackServer.Request, Int) -> LlamaCppReply)? = nil) throws -> LoopbackServer {
        let counter = ChatCounter()
        let slot = NSLock()
        return try LoopbackServer { request, _ in
            switch request.path {
            case "/extras/tokenize/count":
                let input = request.json?["input"]?.stringValue ?? ""
                return .json(status: 200, body: #"{"count":\#(max(1, input.utf8.count / 4))}"#)
            case "/v1/chat/completions":
                slot.lock()
                defer { slot.unlock() }
                if generationSeconds > 0 { Thread.sleep(forTimeInterval: generationSeconds) }
                let index = counter.next()
                let maxTokens = request.json?["max_tokens"]?.intValue ?? 16
                let reply = script?(request, index) ?? .ramble
                let stream = request.json?["stream"] == true
                return reply.render(maxTokens: maxTokens, stream: stream)
            default:
                return .json(status: 404, body: #"{"detail":"Not Found"}"#)
            }
        }
    }
}

/// One assistant reply in llama-cpp-python's shapes.
enum LlamaCppReply: Sendable {
    /// The same words again and again until `max_tokens`, finish `length`.
    case ramble
    /// Text with a finish reason (`nil`: the field is missing).
    case text(String, finish: String?)
    /// A tool call whose arguments are a string or (`asObject`) a JSON object; content null.
    case toolCall(name: String, arguments: JSONValue, asObject: Bool)
    /// Nothing at all: empty content, finish `stop`.
    case empty

    func render(maxTokens: Int, stream: Bool) -> LoopbackServer.Reply {
        var message: [String: JSONValue] = ["role": "assistant"]
        var finish: JSONValue = "stop"
        var completion = 3
        switch self {
        case .ramble:
            message["content"] = .string(Array(repeating: "the lighthouse", count: max(1, maxTokens / 2)).joined(separator: " "))
            finish = "length"
            completion = maxTokens
        case .text(let text, let reason):
            message["content"] = .string(text)
            finish = reason.map { .string($0) } ?? .null
            completion = max(1, text.utf8.count / 4)
        case .toolCall(let name, let arguments, let asObject):
            message["content"] = .null
            message["tool_calls"] = [["id": "call_llama", "type": "function",
                                      "function": ["name": .string(name), "arguments": asObject ? arguments : .string(arguments.jsonText)]]]
            finish = "tool_calls"
        case .empty:
            message["content"] = ""
        }
        let usage: JSONValue = ["prompt_tokens": 120, "completion_tokens": .number(Double(completion)), "total_tokens": .number(Double(120 + completion))]
        guard stream else {
            var choice: [String: JSONValue] = ["index": 0, "message": .object(message), "logprobs": .null]
            choice["finish_reason"] = finish
            return .json(status: 200, body: JSONValue.object([
                "id": "chatcmpl-llama", "object": "chat.completion", "created": 1, "model": "gemma-3-270m",
                "choices": [.object(choice)], "usage": usage,
            ]).jsonText)
        }
        // Streams: a role chunk, content chunks, a finish chunk, [DONE]; no usage anywhere.
        var events: [(event: String?, data: String)] = []
        func chunk(_ delta: JSONValue, finish: JSONValue = .null) -> (event: String?, data: String) {
            (nil, JSONValue.object(["id": "chatcmpl-llama", "object": "chat.completion.chunk", "created": 1, "model": "gemma-3-270m",
                                    "choices": [["index": 0, "delta": delta, "logprobs": .null, "finish_reason": finish]]]).jsonText)
        }
        events.append(chunk(["role": "assistant"]))
        if let text = message["content"]?.stringValue, !text.isEmpty {
            for piece in text.split(separator: " ", omittingEmptySubsequences: false) { events.append(chunk(["content": .string(piece + " ")])) }
        }
        if let calls = message["tool_calls"] { events.append(chunk(["tool_calls": calls.arrayValue.map { .array($0.enumerated().map { index, call in
            var object = call.objectValue ?? [:]
            object["index"] = .number(Double(index))
            return .object(object)
        }) } ?? .null])) }
        events.append(chunk([:], finish: finish))
        events.append((nil, "[DONE]"))
        return .sse(events: events)
    }
}

/// Counts chat requests across connection threads.
final class ChatCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { defer { value += 1 }; return value } }
}
