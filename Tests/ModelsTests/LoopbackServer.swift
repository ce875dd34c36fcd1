import FSContext
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (ephemeral port) for tests: each request is answered
/// by a scripted `Reply` — JSON, a server-sent-event stream (optionally cut mid-way), a stall
/// past the client's timeout, or raw bytes. One thread per connection; `Connection: close`.
final class LoopbackServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data
        var json: JSONValue? { JSONValue(parsing: String(decoding: body, as: UTF8.self)) }
    }

    enum Reply: Sendable {
        /// A complete reply with a body.
        case json(status: Int, body: String, headers: [String: String] = [:])
        /// An event stream: each string is one event's data; `cutAfter` closes the connection
        /// after that many events (no terminator); `delay` seconds between events.
        case sse(events: [(event: String?, data: String)], delay: Double = 0, cutAfter: Int? = nil)
        /// Reads the request, then says nothing for `seconds` (headers optionally sent first).
        case stall(seconds: Double, sendHeaders: Bool = false)
        /// A complete JSON reply after `seconds` of silence (a server generating without streaming).
        case delayedJSON(seconds: Double, body: String)
    }

    private let lock = NSLock()
    private var received: [Request] = []
    private var connections = 0
    private let keepAlive: Bool
    private let handler: @Sendable (Request, Int) -> Reply
    private let listener: Int32
    /// The bound port.
    let port: UInt16

    /// With `keepAlive`, JSON replies keep the connection open for the next request.
    init(keepAlive: Bool = false, handler: @escaping @Sendable (Request, Int) -> Reply) throws {
        self.handler = handler
        self.keepAlive = keepAlive
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 16) == 0 else { throw FSContextError(.io, "loopback server cannot listen") }
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests received so far.
    var requests: [Request] { lock.withLock { received } }

    /// Connections accepted so far.
    var connectionCount: Int { lock.withLock { connections } }

    /// Stops accepting. The listening socket is closed by the accept thread once `accept`
    /// fails, so its descriptor number cannot be reused by another server while this one's
    /// thread still accepts on it.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { close(listener); return }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        lock.withLock { connections += 1 }
        while let request = readRequest(connection) {
            guard respond(to: request, on: connection) else { return }
        }
    }

    /// Answers one request; true when the connection stays open for another.
    private func respond(to request: Request, on connection: Int32) -> Bool {
        let index: Int = lock.withLock { received.append(request); return received.count - 1 }
        switch handler(request, index) {
        case .json(let status, let body, let headers):
            var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            return write(connection, head + "\r\n" + body) && keepAlive
        case .sse(let events, let delay, let cutAfter):
            write(connection, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
            for (number, event) in events.enumerated() {
                if let cutAfter, number >= cutAfter {
                    write(connection, "data: {\"partial\": tru")   // cut inside an event
                    return false
                }
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                let name = event.event.map { "event: \($0)\n" } ?? ""
                guard write(connection, name + "data: \(event.data)\n\n") else { return false }
            }
            return false
        case .delayedJSON(let seconds, let body):
            Thread.sleep(forTimeInterval: seconds)
            return write(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body) && false
        case .stall(let seconds, let sendHeaders):
            if sendHeaders { write(connection, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n") }
            Thread.sleep(forTimeInterval: seconds)
            return false
        }
    }

    @discardableResult
    private func write(_ connection: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let separator = Data("\r\n\r\n".utf8)
        while data.range(of: separator) == nil {
            let n = recv(connection, &buffer, buffer.count, 0)
            if n <= 0 { return nil }
            data.append(contentsOf: buffer[0..<n])
        }
        let headerEnd = data.range(of: separator)!
        let head = String(decoding: data[..<headerEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[headerEnd.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < length {
            let n = recv(connection, &buffer, buffer.count, 0)
            if n <= 0 { break }
            body.append(contentsOf: buffer[0..<n])
        }
        return Request(method: String(requestLine.first ?? ""), path: String(requestLine.dropFirst().first ?? ""), headers: headers, body: body)
    }
}
