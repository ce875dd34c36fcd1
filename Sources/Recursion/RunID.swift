import Foundation

/// Run ids: sortable by start time, readable, and valid as a git ref component
/// (`20261129-015500-rlm-3fa2`).
public enum RunID {
    /// A new id for a run of `strategy` starting at `date`.
    public static func make(strategy: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return "\(formatter.string(from: date))-\(strategy)-\(String(repeating: "0", count: 4 - suffix.count))\(suffix)"
    }

    /// Whether `id` is safe as a ref component: letters, digits, `-`, `_`, `.`; no `..`,
    /// no leading `.` or `-`, at most 100 characters.
    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.count <= 100, !id.hasPrefix("."), !id.hasPrefix("-"), !id.contains(".."),
              !id.hasSuffix(".lock") else { return false }
        return id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }
    }

    /// The ref that holds run `id`.
    public static func ref(_ id: String) -> String { "refs/fsctx/runs/\(id)" }
}
