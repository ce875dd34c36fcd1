import CCurl
import Foundation

/// One libcurl exchange on its own thread (never on the cooperative pool), on a pooled easy
/// handle so connections to the same server are reused. State shared with
/// the C callbacks lives here behind a lock; `cancel()` makes the next callback abort the
/// transfer, and the xferinfo callback (about once a second, and on every progress event)
/// enforces the idle timeout precisely.
final class CurlTransfer: @unchecked Sendable {
    /// Why a transfer was aborted by us rather than by curl.
    enum AbortReason { case cancelled, idle }

    private let lock = NSLock()
    private let idleLimit: Double
    private let streaming: Bool
    private var lastByte = Date()
    private var abortReason: AbortReason?
    private var sentWholeRequest = false
    private var status = 0
    private var headers: [String: String] = [:]
    private var body = Data()
    private var parser = ServerSentEventParser()

    init(idleLimit: Double, streaming: Bool) {
        self.idleLimit = idleLimit
        self.streaming = streaming
    }

    /// Asks the transfer to stop at the next callback.
    func cancel() { lock.withLock { if abortReason == nil { abortReason = .cancelled } } }

    /// Runs the exchange, blocking the calling thread; returns curl's result, why we aborted it
    /// (if we did), the reply, and whether the server had received the whole request (so it
    /// may still be working on it after a timeout).
    func perform(_ request: HTTPRequest, timeouts: HTTPTimeouts) -> (CURLcode, AbortReason?, HTTPResponse, Bool) {
        _ = curlGlobalInit
        let server = URL(string: request.url).map { "\($0.scheme ?? "")://\($0.host ?? ""):\($0.port ?? 0)" } ?? request.url
        guard let handle = CurlHandlePool.shared.take(for: server) else {
            return (CURLE_FAILED_INIT, nil, HTTPResponse(status: 0), false)
        }
        var code = CURLE_FAILED_INIT
        defer { CurlHandlePool.shared.give(handle, for: server, reusable: code == CURLE_OK) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        headerList = curl_slist_append(headerList, "Expect:")
        defer { curl_slist_free_all(headerList) }

        ccurl_setopt_str(handle, CURLOPT_URL, request.url)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, request.method)
        ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(timeouts.connect * 1000))
        ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeouts.total * 1000))
        ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
        ccurl_setopt_str(handle, CURLOPT_ACCEPT_ENCODING, "")
        let unmanaged = Unmanaged.passRetained(self)
        defer { unmanaged.release() }
        ccurl_setopt_write_cb(handle, curlWriteCallback)
        ccurl_setopt_ptr(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque())
        ccurl_setopt_header_cb(handle, curlHeaderCallback)
        ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, unmanaged.toOpaque())
        ccurl_setopt_xferinfo_cb(handle, curlProgressCallback)
        ccurl_setopt_ptr(handle, CURLOPT_XFERINFODATA, unmanaged.toOpaque())

        lock.withLock { lastByte = Date() }
        code = request.body.withUnsafeBytes { bytes in
            if request.method != "GET" {
                ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                ccurl_setopt_ptr(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
            return curl_easy_perform(handle)
        }
        var responseCode = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
        return lock.withLock {
            let ok = (200..<300).contains(responseCode)
            let response = HTTPResponse(status: responseCode, headers: headers, body: body,
                                        events: streaming && ok ? parser.events : [],
                                        streamEndedCleanly: !parser.hasPendingInput)
            return (code, abortReason, response, sentWholeRequest)
        }
    }

    fileprivate func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        lock.withLock {
            guard abortReason == nil else { return false }
            lastByte = Date()
            if streaming && (200..<300).contains(status) { parser.feed(bytes) } else { body.append(contentsOf: bytes) }
            return true
        }
    }

    fileprivate func receiveHeader(_ line: String) {
        lock.withLock {
            lastByte = Date()
            sentWholeRequest = true
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("HTTP/") {
                headers = [:]
                status = Int(trimmed.split(separator: " ").dropFirst().first ?? "") ?? 0
            } else if let colon = trimmed.firstIndex(of: ":") {
                let name = trimmed[..<colon].lowercased()
                headers[name] = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// The idle limit applies to streams only: a server answering without streaming is silent
    /// until the whole reply is ready, so only the total timeout bounds it.
    fileprivate func shouldAbort(uploadTotal: Int64, uploaded: Int64) -> Bool {
        lock.withLock {
            if uploadTotal > 0 && uploaded >= uploadTotal { sentWholeRequest = true }
            if abortReason != nil { return true }
            if streaming, Date().timeIntervalSince(lastByte) > idleLimit { abortReason = .idle; return true }
            return false
        }
    }
}

private let curlGlobalInit: Void = { _ = curl_global_init(3) }()   // CURL_GLOBAL_ALL

private let curlWriteCallback: curl_write_callback = { pointer, size, count, userdata in
    let length = size * count
    guard let pointer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.receive(UnsafeRawBufferPointer(start: pointer, count: length)) ? length : 0
}

private let curlHeaderCallback: curl_write_callback = { pointer, size, count, userdata in
    let length = size * count
    guard let pointer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    transfer.receiveHeader(String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self))
    return length
}

private let curlProgressCallback: curl_xferinfo_callback = { userdata, _, _, uploadTotal, uploaded in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.shouldAbort(uploadTotal: Int64(uploadTotal), uploaded: Int64(uploaded)) ? 1 : 0
}
