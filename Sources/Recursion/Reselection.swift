import Foundation

/// The candidates of one recorded SRLM run, ready to be selected again under other rules.
public struct RecordedCandidates: Sendable, Equatable {
    /// What the rows are grouped by (e.g. `srlm/offline`).
    public var series: String
    /// The candidates, as they were summarized for selection.
    public var candidates: [SRLMCandidateSummary]
    /// Each candidate's score in 0...1 against the truth, in candidate order; nil when the truth
    /// is unknown (then accuracies are unknown too).
    public var correctness: [Double]?

    /// Creates a value.
    public init(series: String, candidates: [SRLMCandidateSummary], correctness: [Double]?) {
        self.series = series
        self.candidates = candidates
        self.correctness = correctness
    }
}

/// One row of a re-selection: a rule's mean accuracy with K' of the K recorded candidates,
/// averaged over every K'-subset of each run (or a fixed seeded sample of them when there are
/// more than `Reselection.maxSubsets`), then over runs.
public struct ReselectionRow: Sendable, Codable, Equatable {
    /// The series (`strategy/model`).
    public var series: String
    /// The rule.
    public var rule: SelectionRule
    /// K': candidates selected from.
    public var candidates: Int
    /// Runs that had at least K' candidates.
    public var runs: Int
    /// Mean score of the rule's pick (nil when no run had a known truth).
    public var accuracy: Double?
}

/// Re-selection from records: every rule of `SelectionRule` for every K' ≤ K, with no model call.
public enum Reselection {
    /// Subsets evaluated per run and K' at most; above it a seeded sample of this many is used.
    public static let maxSubsets = 256

    /// The rows for `runs`, by series, then K', then rule (in `SelectionRule.allCases` order).
    public static func rows(_ runs: [RecordedCandidates], rules: [SelectionRule] = SelectionRule.allCases) -> [ReselectionRow] {
        var rows: [ReselectionRow] = []
        for series in Array(Set(runs.map(\.series))).sorted() {
            let group = runs.filter { $0.series == series && !$0.candidates.isEmpty }
            let largest = group.map(\.candidates.count).max() ?? 0
            guard largest > 0 else { continue }
            for size in 1...largest {
                let eligible = group.filter { $0.candidates.count >= size }
                for rule in rules {
                    let known = eligible.compactMap { run in run.correctness.map { meanOutcome(run.candidates, $0, size: size, rule: rule) } }
                    rows.append(ReselectionRow(series: series, rule: rule, candidates: size, runs: eligible.count,
                                               accuracy: known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)))
                }
            }
        }
        return rows
    }

    /// `rule`'s mean outcome over the `size`-subsets of one run's candidates; nil when its
    /// truth is unknown or `size` is not in 1...K.
    public static func accuracy(of run: RecordedCandidates, rule: SelectionRule, size: Int) -> Double? {
        guard let correctness = run.correctness, size >= 1, size <= run.candidates.count else { return nil }
        return meanOutcome(run.candidates, correctness, size: size, rule: rule)
    }

    /// The rule's mean outcome over the K'-subsets of one run's candidates.
    static func meanOutcome(_ candidates: [SRLMCandidateSummary], _ correctness: [Double], size: Int, rule: SelectionRule) -> Double {
        let subsets = subsets(of: candidates.count, size: size)
        let total = subsets.reduce(0.0) { sum, subset in
            let chosen = subset.map { position in
                var candidate = candidates[position]
                candidate.index = position
                return candidate
            }
            let truth = Dictionary(uniqueKeysWithValues: subset.map { ($0, $0 < correctness.count ? correctness[$0] : 0) })
            return sum + rule.outcome(SRLMSelection.scores(chosen), correctness: truth)
        }
        return total / Double(subsets.count)
    }

    /// All `size`-subsets of 0..<count in lexicographic order, or `maxSubsets` of them drawn
    /// with a fixed seed when there are more.
    static func subsets(of count: Int, size: Int) -> [[Int]] {
        if binomial(count, size) <= Double(maxSubsets) {
            var result: [[Int]] = []
            var current: [Int] = []
            func extend(from start: Int) {
                if current.count == size { result.append(current); return }
                guard start < count else { return }
                for next in start..<count where count - next >= size - current.count {
                    current.append(next)
                    extend(from: next + 1)
                    current.removeLast()
                }
            }
            extend(from: 0)
            return result
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count * 1_000 + size)
        func next() -> UInt64 {  // splitmix64: the same sample on every machine
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<maxSubsets).map { _ in
            var pool = Array(0..<count)
            for position in 0..<size {
                let pick = position + Int(next() % UInt64(count - position))
                pool.swapAt(position, pick)
            }
            return pool.prefix(size).sorted()
        }
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        return (0..<min(k, n - k)).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) }
    }
}
