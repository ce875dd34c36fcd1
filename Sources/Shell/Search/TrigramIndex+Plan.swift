import Foundation

/// Planning with the index: the candidates of a query, or the scan when they would be most files.
extension TrigramIndex {
    /// What the index says about a query: search only `candidates`, or scan every file.
    enum Plan: Equatable, Sendable {
        /// Search these entries (sorted).
        case candidates([Int32])
        /// Scan every file: the query narrows nothing, or its candidates cover at least
        /// `scanCoverage` of the files (`estimated` when the posting counts alone showed it,
        /// before any list was read).
        case scan(coverage: Double, estimated: Bool)

        /// The entries to search; nil for every file.
        var candidates: [Int32]? {
            if case .candidates(let list) = self { return list }
            return nil
        }
    }

    /// Candidates covering at least this fraction of the files are scanned instead (as
    /// code-search engines do): visiting nearly every file one by one costs more than the
    /// one-pass scan of the image. Chosen by measurement on the Linux 6.1 tree (Sources/Shell/README.md);
    /// `FSCTX_INDEX_SCAN_COVERAGE` overrides it, for measuring the crossover (above 1: never scan).
    static let scanCoverage: Double = ProcessInfo.processInfo.environment["FSCTX_INDEX_SCAN_COVERAGE"].flatMap(Double.init) ?? 0.9

    /// The plan for `query`: its candidates, unless they would cover `scanCoverage` of the
    /// files or more. The posting counts give a lower bound on the candidates first (an AND
    /// of lists each missing few files keeps most files), so a common word costs no list
    /// decoding at all; otherwise the lists are intersected and the result counted.
    func plan(_ query: TrigramQuery, scanCoverage: Double = TrigramIndex.scanCoverage) -> Plan {
        guard entryCount > 0 else { return .candidates([]) }
        let limit = Double(entryCount) * scanCoverage
        let least = bounds(query).least
        if Double(least) >= limit { return .scan(coverage: Double(least) / Double(entryCount), estimated: true) }
        guard let list = candidates(query) else { return .scan(coverage: 1, estimated: true) }
        if Double(list.count) >= limit { return .scan(coverage: Double(list.count) / Double(entryCount), estimated: false) }
        return .candidates(list)
    }

    /// Bounds on how many files satisfy `query`, from the posting counts alone (no list is
    /// read): an AND keeps at least the files that none of its parts misses, an OR at least
    /// its largest part's and at most the sum of its parts'.
    func bounds(_ query: TrigramQuery) -> (least: Int, most: Int) {
        switch query {
        case .all: return (entryCount, entryCount)
        case .none: return (0, 0)
        case .trigram(let key):
            let count = count(key)
            return (count, count)
        case .and(let items):
            var least = entryCount, most = entryCount
            for item in items {
                let part = bounds(item)
                least = max(0, least - (entryCount - part.least))
                most = min(most, part.most)
            }
            return (least, most)
        case .or(let items):
            var least = 0, most = 0
            for item in items {
                let part = bounds(item)
                least = max(least, part.least)
                most = min(entryCount, most + part.most)
            }
            return (least, most)
        }
    }
}
