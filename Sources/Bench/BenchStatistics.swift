import Foundation
import SharedValues

/// The statistics behind `compare` and the report: percentile bootstrap intervals, AUROC,
/// expected calibration error. Deterministic: resampling uses `SeededGenerator` seeded by a label.
public enum BenchStatistics {
    /// Bootstrap resamples per interval.
    public static let resamples = 1_000

    /// The 95% percentile-bootstrap interval of the mean of `values` (resampled with
    /// replacement `resamples` times); nil for no values. `label` seeds the resampling, so the
    /// same data always gives the same interval.
    public static func meanInterval(_ values: [Double], label: String) -> ClosedRange<Double>? {
        guard !values.isEmpty else { return nil }
        if values.count == 1 { return values[0]...values[0] }
        var generator = SeededGenerator(seed: 0x5EED).derived(label)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<values.count { sum += values[generator.below(values.count)] }
            means.append(sum / Double(values.count))
        }
        means.sort()
        return means[Int(0.025 * Double(resamples))]...means[Int(0.975 * Double(resamples)) - 1]
    }

    /// The area under the ROC curve of `scores` for telling `positives` from the rest: the
    /// probability that a random positive scores above a random negative (ties count half);
    /// nil when there is no positive or no negative.
    public static func auroc(scores: [Double], positives: [Bool]) -> Double? {
        let positive = zip(scores, positives).filter(\.1).map(\.0)
        let negative = zip(scores, positives).filter { !$0.1 }.map(\.0)
        guard !positive.isEmpty, !negative.isEmpty else { return nil }
        var wins = 0.0
        for p in positive {
            for n in negative { wins += p > n ? 1 : p == n ? 0.5 : 0 }
        }
        return wins / Double(positive.count * negative.count)
    }

    /// One bin of a reliability table.
    public struct CalibrationBin: Sendable, Codable, Hashable {
        /// The bin's ν range, in 0...100 (`low` exclusive except for the first bin).
        public var low: Double
        /// The bin's upper bound (inclusive).
        public var high: Double
        /// Runs in the bin.
        public var runs: Int
        /// Mean stated confidence, as a fraction (ν/100).
        public var confidence: Double
        /// Mean score.
        public var accuracy: Double
    }

    /// The reliability table (ten bins of ν: (0,10], (10,20], …, (90,100]; empty bins left out)
    /// and the expected calibration error Σ (n_b/N)·|accuracy_b − confidence_b|; nil ECE for no pairs.
    public static func calibration(_ pairs: [(confidence: Double, score: Double)]) -> (bins: [CalibrationBin], ece: Double?) {
        var bins: [CalibrationBin] = []
        var ece = 0.0
        for bin in 0..<10 {
            let low = Double(bin) * 10, high = low + 10
            let members = pairs.filter { ($0.confidence > low || (bin == 0 && $0.confidence >= 0)) && $0.confidence <= high }
            guard !members.isEmpty else { continue }
            let confidence = members.map(\.confidence).reduce(0, +) / Double(members.count) / 100
            let accuracy = members.map(\.score).reduce(0, +) / Double(members.count)
            bins.append(CalibrationBin(low: low, high: high, runs: members.count, confidence: confidence, accuracy: accuracy))
            ece += Double(members.count) / Double(pairs.count) * abs(accuracy - confidence)
        }
        return (bins, pairs.isEmpty ? nil : ece)
    }
}
