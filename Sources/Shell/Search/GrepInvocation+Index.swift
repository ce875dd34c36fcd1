import Foundation

extension GrepInvocation {
    /// The targets that may hold a match, by the corpus image's trigram index: only files whose
    /// trigrams satisfy the query planned from the patterns (`TrigramPlanner`). The targets
    /// unchanged when the output needs every file (-v, -c, -L), the patterns narrow nothing
    /// (`[0-9]{3}-[0-9]{4}`), or there is no index and the corpus is below the build threshold.
    func narrowedByIndex(_ targets: [Target], image: CorpusImage, patterns: [String], limits: ShellLimits) -> [Target] {
        guard limits.indexMinimumBytes < Int.max, !options.invert,
              [.lines, .filesWithMatches, .quiet].contains(options.mode) else { return targets }
        let query = TrigramPlanner.query(anyOf: patterns.map { syntax.translate($0) })
        guard query.narrows,
              let index = TrigramIndex.forImage(image, file: TrigramIndex.file(forImage: image.file),
                                                build: image.length >= limits.indexMinimumBytes),
              let candidates = index.candidates(query) else { return targets }
        var wanted = [Bool](repeating: false, count: image.entries.count)
        for entry in candidates { wanted[Int(entry)] = true }
        return targets.filter { $0.imageEntry.map { wanted[$0] } ?? true }
    }
}
