/// A value the offline model extracted, with where it came from and how sure it is.
struct AnswerCandidate: Hashable, Sendable {
    /// The answer span.
    var value: String
    /// Verbalized confidence in (0, 100].
    var confidence: Double
    /// The line it came from.
    var source: EvidenceLine
    /// The key that was matched next to the value (for chains).
    var key: String
    /// Whether the value sat right after the key (`key is: value`), the strong pattern.
    var adjacent: Bool
}
