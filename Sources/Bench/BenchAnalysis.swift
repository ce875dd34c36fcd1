import Foundation
import Recursion

/// What a researcher needs beyond means: paired differences with intervals, SRLM's oracle@K,
/// selection accuracy and AUROC, calibration from ν, and accuracy at equal spend with the
/// Pareto front. Computed from result rows alone (`fsctx compare --results`, the report).
public struct BenchAnalysis: Sendable, Codable {
    /// Series A minus series B on the tasks both ran.
    public struct PairedDifference: Sendable, Codable, Hashable {
        /// The first series (`strategy/model`).
        public var series: String
        /// The series it is compared with.
        public var baseline: String
        /// Tasks both ran.
        public var tasks: Int
        /// Mean of (score A − score B) over those tasks.
        public var difference: Double
        /// Its 95% bootstrap interval (tasks resampled in pairs).
        public var low: Double, high: Double
    }

    /// SRLM's candidates in one series.
    public struct Candidates: Sendable, Codable, Hashable {
        /// The series.
        public var series: String
        /// Runs with recorded candidates.
        public var runs: Int
        /// K, the most candidates of a run.
        public var candidates: Int
        /// oracle@K: mean over runs of the best candidate's score.
        public var oracle: Double
        /// Of the runs where some candidate scored above 0, how often the chosen one had the best score.
        public var selectionAccuracy: Double?
        /// AUROC of s = VC·Len for telling right candidates (score ≥ 0.5) from wrong ones.
        public var auroc: Double?
    }

    /// Calibration of the answers' ν in one series.
    public struct Calibration: Sendable, Codable, Hashable {
        /// The series.
        public var series: String
        /// Runs that stated a ν with their answer.
        public var runs: Int
        /// Expected calibration error.
        public var ece: Double?
        /// The reliability table.
        public var bins: [BenchStatistics.CalibrationBin]
    }

    /// One series' spend and accuracy, at its own spend and at the matched budget.
    public struct Spend: Sendable, Codable, Hashable {
        /// The series.
        public var series: String
        /// Mean spend per run (nil when unknown for some run).
        public var spend: Double?
        /// Mean score.
        public var accuracy: Double
        /// Whether no other series is at least as cheap and at least as accurate (one strictly).
        public var pareto: Bool
        /// Accuracy when each run may spend at most `budget` (see `BenchAnalysis.matched`).
        public var matchedAccuracy: Double?
    }

    /// What spend is matched.
    public var match: BenchSpend
    /// The per-run budget of the equal-budget view (nil when no spend is known).
    public var budget: Double?
    /// Every ordered pair of series with shared tasks, A < B by name.
    public var paired: [PairedDifference]
    /// SRLM series with recorded candidates.
    public var candidates: [Candidates]
    /// Series whose answers stated ν.
    public var calibration: [Calibration]
    /// Every series' spend, accuracy and Pareto membership.
    public var spend: [Spend]

    /// Analyses `results` (one row per key). `budget` fixes the equal-budget view's per-run
    /// budget; by default it is the most the cheapest series (by mean spend) spent on one run,
    /// so that series is counted whole and every other is held to what it needed.
    public init(results: [BenchResult], match: BenchSpend = .tokens, budget: Double? = nil) {
        let bySeries = Dictionary(grouping: results, by: \.seriesName)
        let names = bySeries.keys.sorted()
        self.match = match
        paired = Self.paired(bySeries, names)
        candidates = names.compactMap { Self.candidates($0, bySeries[$0]!) }
        calibration = names.compactMap { name in
            let pairs = bySeries[name]!.compactMap { row in row.confidence.map { (confidence: $0, score: row.score) } }
            guard !pairs.isEmpty else { return nil }
            let table = BenchStatistics.calibration(pairs)
            return Calibration(series: name, runs: pairs.count, ece: table.ece, bins: table.bins)
        }
        var spend = names.map { name -> Spend in
            let rows = bySeries[name]!
            let spends = rows.compactMap(match.of)
            return Spend(series: name, spend: spends.count == rows.count ? spends.reduce(0, +) / Double(rows.count) : nil,
                         accuracy: rows.map(\.score).reduce(0, +) / Double(rows.count), pareto: false, matchedAccuracy: nil)
        }
        for index in spend.indices {
            guard let cost = spend[index].spend else { continue }
            let accuracy = spend[index].accuracy
            spend[index].pareto = !spend.contains { other in
                guard let otherCost = other.spend, other.series != spend[index].series else { return false }
                return otherCost <= cost && other.accuracy >= accuracy && (otherCost < cost || other.accuracy > accuracy)
            }
        }
        let cheapest = spend.filter { $0.spend != nil }.min { $0.spend! < $1.spend! }
        let matchedBudget = budget ?? cheapest.flatMap { bySeries[$0.series]!.compactMap(match.of).max() }
        if let matchedBudget {
            for index in spend.indices {
                spend[index].matchedAccuracy = Self.matched(bySeries[spend[index].series]!, match: match, budget: matchedBudget)
            }
        }
        self.budget = matchedBudget
        self.spend = spend
    }

    /// Accuracy when a run may spend at most `budget`: a run that spent more counts as wrong (a
    /// budget would have cut it off) — except an SRLM run with recorded candidates, which keeps
    /// the K' = ⌊K·budget/spend⌋ candidates it could have paid for (SRLM's spend is its
    /// candidates') and is scored by the srlm rule averaged over its K'-subsets.
    static func matched(_ rows: [BenchResult], match: BenchSpend, budget: Double) -> Double? {
        var total = 0.0, counted = 0
        for row in rows {
            guard let spent = match.of(row) else { continue }
            counted += 1
            if spent <= budget { total += row.score; continue }
            guard let run = BenchReselection.recorded([row]).first else { continue }
            let size = Int((Double(run.candidates.count) * budget / spent).rounded(.down))
            total += Reselection.accuracy(of: run, rule: .srlm, size: size) ?? 0
        }
        return counted == 0 ? nil : total / Double(counted)
    }

    static func paired(_ bySeries: [String: [BenchResult]], _ names: [String]) -> [PairedDifference] {
        var result: [PairedDifference] = []
        for (position, name) in names.enumerated() {
            let scores = Dictionary(bySeries[name]!.map { ($0.task, $0.score) }, uniquingKeysWith: { $1 })
            for baseline in names[(position + 1)...] {
                let other = Dictionary(bySeries[baseline]!.map { ($0.task, $0.score) }, uniquingKeysWith: { $1 })
                let differences = scores.keys.sorted().compactMap { task in other[task].map { scores[task]! - $0 } }
                guard let interval = BenchStatistics.meanInterval(differences, label: "\(name)-\(baseline)") else { continue }
                result.append(PairedDifference(series: name, baseline: baseline, tasks: differences.count,
                                               difference: differences.reduce(0, +) / Double(differences.count),
                                               low: interval.lowerBound, high: interval.upperBound))
            }
        }
        return result
    }

    static func candidates(_ series: String, _ rows: [BenchResult]) -> Candidates? {
        let runs = rows.filter { ($0.candidates?.isEmpty == false) && $0.candidates!.allSatisfy { $0.score != nil } }
        guard !runs.isEmpty else { return nil }
        var oracle = 0.0, selectable = 0, selectedBest = 0
        var scores: [Double] = [], positives: [Bool] = []
        for row in runs {
            let candidates = row.candidates!
            let best = candidates.map { $0.score! }.max()!
            oracle += best
            if best > 0 {
                selectable += 1
                if let chosen = candidates.first(where: \.chosen), chosen.score! == best { selectedBest += 1 }
            }
            let scored = SRLMSelection.scores(candidates.enumerated().map { $1.summary(index: $0) })
            for (candidate, score) in zip(candidates, scored) where !candidate.answer.isEmpty {
                scores.append(score.score)
                positives.append(candidate.score! >= 0.5)
            }
        }
        return Candidates(series: series, runs: runs.count, candidates: runs.map { $0.candidates!.count }.max()!,
                          oracle: oracle / Double(runs.count),
                          selectionAccuracy: selectable == 0 ? nil : Double(selectedBest) / Double(selectable),
                          auroc: BenchStatistics.auroc(scores: scores, positives: positives))
    }
}
