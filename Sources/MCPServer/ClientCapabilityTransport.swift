import FSContext
import Foundation
import Logging
import MCP

/// A transport that lets the MCP swift-sdk 0.12.1 read the `initialize` request of current
/// clients. The SDK types `capabilities.experimental` as `[String: String]`, but the protocol
/// makes its values objects, and Codex (0.154 and later) sends
/// `"experimental": {"codex/auth-change": {}}`: the SDK then fails the whole `initialize` with
/// -32603 ("The data isn't in the correct format"), and Codex drops the server without a
/// word on its output — no fsctx tool reaches the model (swift-sdk issues #262 and #287, fixed
/// by its still unreleased PR #276). This wrapper rewrites each non-string value under
/// `params.capabilities.experimental` of an `initialize` request into its JSON text, keeping
/// every capability name; every other message passes as the same bytes. Remove it once the
/// SDK reads objects there.
actor ClientCapabilityTransport: Transport {
    private let inner: any Transport
    nonisolated let logger: Logger

    /// Wraps `inner` (e.g. `StdioTransport()`).
    init(_ inner: any Transport) {
        self.inner = inner
        logger = Logger(label: "fsctx.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    func connect() async throws { try await inner.connect() }

    func disconnect() async { await inner.disconnect() }

    func send(_ data: Data) async throws { try await inner.send(data) }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        let inner = inner
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await inner.receive() { continuation.yield(Self.readable(data)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// `data` with the experimental capabilities of an `initialize` request (alone or in a
    /// batch) as strings; other messages unchanged.
    static func readable(_ data: Data) -> Data {
        // Cheap test first: only an initialize request with experimental capabilities changes.
        guard data.count < 1 << 20,
              data.range(of: Data("\"initialize\"".utf8)) != nil, data.range(of: Data("\"experimental\"".utf8)) != nil,
              let message = JSONValue(parsing: String(decoding: data, as: UTF8.self)) else { return data }
        let rewritten: JSONValue
        switch message {
        case .object: rewritten = readableRequest(message)
        case .array(let batch): rewritten = .array(batch.map(readableRequest))
        default: return data
        }
        return rewritten == message ? data : Data(rewritten.jsonText.utf8)
    }

    static func readableRequest(_ message: JSONValue) -> JSONValue {
        guard case .object(var request) = message, request["method"]?.stringValue == "initialize",
              case .object(var params)? = request["params"], case .object(var capabilities)? = params["capabilities"],
              case .object(let experimental)? = capabilities["experimental"] else { return message }
        capabilities["experimental"] = .object(experimental.mapValues { value in
            if case .string = value { return value }
            return .string(value.jsonText)
        })
        params["capabilities"] = .object(capabilities)
        request["params"] = .object(params)
        return .object(request)
    }
}
