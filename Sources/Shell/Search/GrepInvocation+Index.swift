import Foundation

extension GrepInvocation {
    /// The image entries that may hold a match, by the corpus image's trigram index: the files
    /// whose trigrams satisfy the query planned from the patterns (`TrigramPlanner`), sorted.
    /// Nil (search every file) when the plan is a scan (`indexPlan`).
    func indexCandidates(_ image: CorpusImage, patterns: [String], limits: ShellLimits) -> [Int32]? {
        indexPlan(image, patterns: patterns, limits: limits).candidates
    }

    /// How a recursive grep over `image` searches: only the index's candidates, or every file
    /// (`.scan`) when the output needs every file (-v, -c, -L), the patterns narrow nothing
    /// (`[0-9]{3}-[0-9]{4}`), there is no index and the corpus is below the build threshold, or
    /// the candidates hold most of the bytes (`TrigramIndex.scanCoverage`: a common word).
    func indexPlan(_ image: CorpusImage, patterns: [String], limits: ShellLimits) -> TrigramIndex.Plan {
        let scan = TrigramIndex.Plan.scan(coverage: 1, estimated: true)
        guard limits.indexMinimumBytes < Int.max, !options.invert,
              [.lines, .filesWithMatches, .quiet].contains(options.mode) else { return scan }
        let query = TrigramPlanner.query(anyOf: patterns.map { syntax.translate($0) })
        guard query.narrows,
              let index = TrigramIndex.forImage(image, file: TrigramIndex.file(forImage: image.file),
                                                build: image.length >= limits.indexMinimumBytes) else { return scan }
        // Each file's bytes and the newline the image puts after it.
        return index.plan(query, bytes: { image.bytes(Int($0)...Int($1)) }, totalSize: image.length - CorpusImage.headerSize)
    }

    /// Calls `body` with each entry of `range`, or only with those among `candidates` (sorted).
    static func forEachEntry(in range: Range<Int>, candidates: [Int32]?, _ body: (Int) -> Void) {
        guard let candidates else {
            for index in range { body(index) }
            return
        }
        var low = 0, high = candidates.count
        while low < high {
            let middle = (low + high) / 2
            if Int(candidates[middle]) < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        while low < candidates.count && Int(candidates[low]) < range.upperBound {
            body(Int(candidates[low]))
            low += 1
        }
    }
}
