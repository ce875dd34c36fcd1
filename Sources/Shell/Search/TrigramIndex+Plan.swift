import Foundation

/// Planning with the index: the candidates of a query, or the scan when they would be most of the corpus.
extension TrigramIndex {
    /// What the index says about a query: search only `candidates`, or scan every file.
    enum Plan: Equatable, Sendable {
        /// Search these entries (sorted).
        case candidates([Int32])
        /// Scan every file: the query narrows nothing, or its candidates hold at least
        /// `scanCoverage` of the bytes (`coverage`). `estimated` when the posting counts alone
        /// showed nearly every file is a candidate (`coverage` is then that share of the files),
        /// before any list was read.
        case scan(coverage: Double, estimated: Bool)

        /// The entries to search; nil for every file.
        var candidates: [Int32]? {
            if case .candidates(let list) = self { return list }
            return nil
        }
    }

    /// Candidates holding at least this fraction of the corpus bytes are scanned instead (as
    /// code-search engines do): the scan reads every byte once, the candidates are visited in
    /// stretches, and near full coverage the skipped bytes no longer pay for the posting lists
    /// and the broken stretches. Bytes, not files: a common word missing from a few large
    /// files still skips much. Measured on the Linux 6.1 tree and a generated prose corpus
    /// (Sources/Shell/README.md); `FSCTX_INDEX_SCAN_COVERAGE` overrides it, for measuring the
    /// crossover (above 1: never scan).
    static let scanCoverage: Double = ProcessInfo.processInfo.environment["FSCTX_INDEX_SCAN_COVERAGE"].flatMap(Double.init) ?? 0.9
    /// When the posting counts alone prove at least this share of the files are candidates,
    /// the lists are not even read.
    static let surelyMostFiles = 0.98

    /// The plan for `query`: its candidates, unless they hold `scanCoverage` of the bytes or
    /// more (`bytes` of the candidates over `totalSize`; without `bytes` every file counts one). First the
    /// posting counts give a lower bound on the candidates (an AND of lists that each miss few
    /// files keeps most files): a word in nearly every file costs no list decoding at all. With
    /// `bytes`, an AND also stops decoding lists that cost more than they could save (`candidates`).
    func plan(_ query: TrigramQuery, scanCoverage: Double = TrigramIndex.scanCoverage,
              bytes: Bytes? = nil, totalSize: Int? = nil) -> Plan {
        guard entryCount > 0 else { return .candidates([]) }
        let least = Double(bounds(query).least) / Double(entryCount)
        if least >= max(scanCoverage, Self.surelyMostFiles) { return .scan(coverage: least, estimated: true) }
        guard let list = candidates(query, bytes: bytes) else { return .scan(coverage: 1, estimated: true) }
        let total = max(1, totalSize ?? entryCount)
        let held = bytes.map { Self.bytes(of: list, $0) } ?? list.count
        let coverage = Double(held) / Double(total)
        return coverage >= scanCoverage ? .scan(coverage: coverage, estimated: false) : .candidates(list)
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
