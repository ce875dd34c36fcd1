import CGit2

/// Process-wide libgit2 setup, done once before the first repository is touched.
enum LibGit2 {
    private static let initialized: Bool = {
        git_libgit2_init()
        // We write every object ourselves from trusted bytes; skipping the existence
        // check on every tree insert is what git's own plumbing does too.
        _ = cgit2_set_strict_object_creation(0)
        // Corpus repos are often created by root in CI and read by others; ownership checks
        // only get in the way of a tool that opens paths the user names explicitly.
        _ = cgit2_set_owner_validation(0)
        return true
    }()

    /// Initializes libgit2 (idempotent, thread-safe).
    static func ensureInitialized() { _ = initialized }

    /// The last libgit2 error as one line, or a generic text.
    static func lastErrorMessage() -> String {
        guard let error = git_error_last(), let text = error.pointee.message else { return "unknown libgit2 error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Throws an `FSContextError` when `status` is negative.
    static func check(_ status: Int32, _ what: @autoclosure () -> String) throws {
        guard status < 0 else { return }
        let code: FSContextError.Code = status == GIT_ENOTFOUND.rawValue ? .notFound : .git
        throw FSContextError(code, "\(what()): \(lastErrorMessage())", gitStatus: status)
    }
}

import Foundation
