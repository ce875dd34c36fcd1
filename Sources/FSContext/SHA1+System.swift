import Foundation

/// SHA-1 from the system's libcrypto when it can be loaded at run time (OpenSSL uses the CPU's
/// SHA instructions: several times faster than `SHA1`), found with `dlopen` so that building
/// FSContext needs no OpenSSL headers. `SHA1Hasher` picks it, or falls back to `SHA1`.
struct SystemSHA1: @unchecked Sendable {
    typealias Initialize = @convention(c) (UnsafeMutableRawPointer) -> Int32
    typealias Update = @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer?, Int) -> Int32
    typealias Final = @convention(c) (UnsafeMutablePointer<UInt8>, UnsafeMutableRawPointer) -> Int32

    let initialize: Initialize
    let update: Update
    let final: Final
    /// Bytes of OpenSSL's `SHA_CTX` (96), with room to spare.
    static let contextSize = 256

    /// The loaded functions, or nil when no libcrypto is present (or `FSCTX_PURE_SHA1` is set).
    static let shared: SystemSHA1? = {
        guard ProcessInfo.processInfo.environment["FSCTX_PURE_SHA1"] == nil else { return nil }
        for name in ["libcrypto.so.3", "libcrypto.so", "libcrypto.3.dylib", "libcrypto.dylib"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let i = dlsym(handle, "SHA1_Init"), let u = dlsym(handle, "SHA1_Update"), let f = dlsym(handle, "SHA1_Final")
            else { continue }
            return SystemSHA1(initialize: unsafeBitCast(i, to: Initialize.self), update: unsafeBitCast(u, to: Update.self),
                              final: unsafeBitCast(f, to: Final.self))
        }
        return nil
    }()
}

/// A SHA-1 that uses libcrypto when available and the built-in `SHA1` otherwise.
struct SHA1Hasher: ~Copyable {
    private var pure: SHA1?
    private let context: UnsafeMutableRawPointer?
    private let system: SystemSHA1?

    init() {
        if let system = SystemSHA1.shared {
            self.system = system
            context = UnsafeMutableRawPointer.allocate(byteCount: SystemSHA1.contextSize, alignment: 16)
            _ = system.initialize(context!)
            pure = nil
        } else {
            system = nil
            context = nil
            pure = SHA1()
        }
    }

    deinit { context?.deallocate() }

    /// Adds bytes.
    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        if let system, let context { _ = system.update(context, buffer.baseAddress, buffer.count) } else { pure!.update(buffer) }
    }

    /// Adds bytes.
    mutating func update<C: ContiguousBytes>(_ bytes: C) { bytes.withUnsafeBytes { update($0) } }

    /// The 20-byte digest.
    mutating func finalize() -> [UInt8] {
        guard let system, let context else { return pure!.finalize() }
        var digest = [UInt8](repeating: 0, count: 20)
        _ = digest.withUnsafeMutableBufferPointer { system.final($0.baseAddress!, context) }
        return digest
    }
}
