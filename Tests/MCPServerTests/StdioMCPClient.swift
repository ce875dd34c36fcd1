import Foundation
import Testing

/// `fsctx mcp …` in a child process, spoken to in raw JSON-RPC lines over its stdin and stdout
/// (what every MCP client does), for tests that need the server's own process and flags.
final class StdioMCPClient {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending = Data()
    private var nextID = 1

    /// Starts `fsctx arguments…` with `environment` added to ours, and initializes the session.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: try TestPaths.fsctx.path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let initialized = try request("initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](), "clientInfo": ["name": "raw-test", "version": "1"],
        ])
        guard (initialized["serverInfo"] as? [String: Any])?["name"] as? String == "fsctx" else {
            throw TestSetupError("initialize failed: \(initialized)")
        }
        try send(["jsonrpc": "2.0", "method": "notifications/initialized"])
    }

    /// Sends a request and returns its `result` (a JSON-RPC error throws).
    func request(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        while true {
            let line = try readLine()
            guard let message = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  message["id"] as? Int == id else { continue }  // notifications, other replies
            if let error = message["error"] { throw TestSetupError("\(method) failed: \(error)") }
            return message["result"] as? [String: Any] ?? [:]
        }
    }

    /// Calls a tool; returns its text and whether it is an error.
    func call(_ tool: String, _ arguments: [String: Any]) throws -> (text: String, isError: Bool) {
        let result = try request("tools/call", ["name": tool, "arguments": arguments])
        let text = (result["content"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined()
        return (text, result["isError"] as? Bool ?? false)
    }

    /// The tools the server lists, by name: their descriptions.
    func toolDescriptions() throws -> [String: String] {
        let tools = try request("tools/list", [:])["tools"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: tools.map { ($0["name"] as? String ?? "?", $0["description"] as? String ?? "") })
    }

    /// Closes stdin (the client disconnects) and waits for the server to end; returns its status.
    @discardableResult
    func close() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { close() }
    }

    private func send(_ message: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(UInt8(ascii: "\n"))
        input.fileHandleForWriting.write(data)
    }

    private func readLine() throws -> String {
        while !pending.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw TestSetupError("the server closed its output (status \(process.isRunning ? "running" : "\(process.terminationStatus)"))") }
            pending.append(chunk)
        }
        let end = pending.firstIndex(of: UInt8(ascii: "\n"))!
        defer { pending = Data(pending[(end + 1)...]) }
        return String(decoding: pending[..<end], as: UTF8.self)
    }
}
