import CCurl
import Foundation

/// Idle libcurl easy handles kept for reuse per server (scheme, host and port), so consecutive
/// calls to the same server reuse its connection (TCP + TLS) and DNS cache: `curl_easy_reset`
/// clears options but keeps both. A handle is used by one transfer at a time; at most
/// `capacity` idle handles are kept per server.
final class CurlHandlePool: @unchecked Sendable {
    /// The process-wide pool.
    static let shared = CurlHandlePool(capacity: 8)

    private let lock = NSLock()
    private var idle: [String: [UnsafeMutableRawPointer]] = [:]
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// A reset handle for one transfer to `server` (nil only if libcurl cannot allocate one).
    func take(for server: String) -> UnsafeMutableRawPointer? {
        if let handle = lock.withLock({ idle[server]?.popLast() }) {
            curl_easy_reset(handle)
            return handle
        }
        return curl_easy_init()
    }

    /// Gives a handle back after its transfer; a handle whose transfer failed is closed
    /// instead, so a broken connection is never reused.
    func give(_ handle: UnsafeMutableRawPointer, for server: String, reusable: Bool) {
        let kept = reusable && lock.withLock {
            guard idle[server, default: []].count < capacity else { return false }
            idle[server, default: []].append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle) }
    }
}
