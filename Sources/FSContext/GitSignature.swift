import CGit2
import Foundation

/// Who and when, for a commit. FSContext writes as `fsctx <fsctx@localhost>` by default.
public struct GitSignature: Sendable, Equatable {
    /// The name.
    public var name: String
    /// The e-mail address.
    public var email: String
    /// The time of the signature.
    public var date: Date

    /// Creates a signature.
    public init(name: String = "fsctx", email: String = "fsctx@localhost", date: Date = Date()) {
        self.name = name
        self.email = email
        self.date = date
    }

    func withRaw<T>(_ body: (UnsafeMutablePointer<git_signature>) throws -> T) throws -> T {
        var signature: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(date.timeIntervalSince1970.rounded(.down))
        try LibGit2.check(git_signature_new(&signature, name, email, seconds, 0), "bad signature \(name) <\(email)>")
        defer { git_signature_free(signature) }
        return try body(signature!)
    }
}
