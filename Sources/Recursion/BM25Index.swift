import Foundation

/// Okapi BM25 over a set of text chunks: the retrieval half of the `rag` strategy.
public struct BM25Index: Sendable {
    /// One retrievable unit of text and where it came from.
    public struct Chunk: Sendable, Equatable {
        /// Corpus path of the file the chunk is from.
        public var path: String
        /// First line of the chunk in that file (1-based).
        public var startLine: Int
        /// The chunk's text.
        public var text: String

        /// Creates a chunk.
        public init(path: String, startLine: Int, text: String) {
            self.path = path
            self.startLine = startLine
            self.text = text
        }
    }

    /// The chunks, in the order given.
    public let chunks: [Chunk]
    private let termFrequencies: [[String: Int]]
    private let documentFrequency: [String: Int]
    private let lengths: [Int]
    private let averageLength: Double
    private let k1 = 1.2
    private let b = 0.75

    /// Builds the index.
    public init(chunks: [Chunk]) {
        self.chunks = chunks
        var frequencies: [[String: Int]] = []
        var df: [String: Int] = [:]
        var lengths: [Int] = []
        for chunk in chunks {
            let terms = BM25Index.terms(chunk.text)
            var tf: [String: Int] = [:]
            for term in terms { tf[term, default: 0] += 1 }
            for term in tf.keys { df[term, default: 0] += 1 }
            frequencies.append(tf)
            lengths.append(terms.count)
        }
        self.termFrequencies = frequencies
        self.documentFrequency = df
        self.lengths = lengths
        self.averageLength = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0, +)) / Double(lengths.count))
    }

    /// The `k` best chunks for `query`, best first, with their scores (ties: corpus order).
    public func search(_ query: String, k: Int) -> [(chunk: Chunk, score: Double)] {
        let queryTerms = Set(BM25Index.terms(query))
        let count = Double(chunks.count)
        var scored: [(index: Int, score: Double)] = []
        for (index, tf) in termFrequencies.enumerated() {
            var score = 0.0
            for term in queryTerms {
                guard let f = tf[term], let n = documentFrequency[term] else { continue }
                let idf = log(1 + (count - Double(n) + 0.5) / (Double(n) + 0.5))
                let norm = Double(f) * (k1 + 1) / (Double(f) + k1 * (1 - b + b * Double(lengths[index]) / averageLength))
                score += idf * norm
            }
            if score > 0 { scored.append((index, score)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return scored.prefix(k).map { (chunks[$0.index], $0.score) }
    }

    /// Lower-cased alphanumeric terms, split on everything else (hyphenated keys split too).
    static func terms(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                result.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { result.append(current.lowercased()) }
        return result
    }
}
