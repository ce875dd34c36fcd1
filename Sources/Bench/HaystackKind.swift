/// What fills a haystack around the needles.
public enum HaystackKind: String, Sendable, Codable, CaseIterable {
    /// RULER's repeated noise: "The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again."
    case noise
    /// Generated English-like prose (seeded grammar, varied sentence shapes).
    case prose
}
