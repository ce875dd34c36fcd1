import Foundation

/// Results side by side: one row per strategy × model × context-length bucket, plus an `all`
/// row per strategy × model. Context buckets are powers of two (a task of 5,000 tokens falls in
/// the 8K bucket). Cost is unknown ("?", JSON null) for a group when any of its runs has no cost.
public struct BenchComparison: Sendable, Codable, Hashable {
    /// One group of runs.
    public struct Row: Sendable, Codable, Hashable {
        /// The strategy.
        public var strategy: String
        /// The model.
        public var model: String
        /// The bucket's upper bound in tokens; nil for the `all` row.
        public var contextTokens: Int?
        /// Runs in the group.
        public var runs: Int
        /// Mean score.
        public var accuracy: Double
        /// The 95% bootstrap interval of the mean score (runs resampled).
        public var accuracyLow: Double, accuracyHigh: Double
        /// Mean tokens per run.
        public var meanTokens: Double
        /// Total cost in dollars; nil when unknown.
        public var totalCost: Double?
        /// Mean cost per run; nil when unknown.
        public var meanCost: Double?
        /// Mean wall time per run.
        public var meanSeconds: Double
        /// Mean steps per run.
        public var meanSteps: Double
        /// Runs that failed.
        public var failed: Int

        enum CodingKeys: String, CodingKey {
            case strategy, model, runs, accuracy, failed
            case accuracyLow = "accuracy_low", accuracyHigh = "accuracy_high"
            case contextTokens = "context_tokens", meanTokens = "mean_tokens", totalCost = "total_cost"
            case meanCost = "mean_cost", meanSeconds = "mean_seconds", meanSteps = "mean_steps"
        }

        /// Encodes with explicit nulls for unknown cost and the `all` bucket.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(strategy, forKey: .strategy)
            try container.encode(model, forKey: .model)
            try container.encode(contextTokens, forKey: .contextTokens)
            try container.encode(runs, forKey: .runs)
            try container.encode(accuracy, forKey: .accuracy)
            try container.encode(accuracyLow, forKey: .accuracyLow)
            try container.encode(accuracyHigh, forKey: .accuracyHigh)
            try container.encode(meanTokens, forKey: .meanTokens)
            try container.encode(totalCost, forKey: .totalCost)
            try container.encode(meanCost, forKey: .meanCost)
            try container.encode(meanSeconds, forKey: .meanSeconds)
            try container.encode(meanSteps, forKey: .meanSteps)
            try container.encode(failed, forKey: .failed)
        }
    }

    /// The groups: by strategy, model, then bucket (the `all` row last).
    public let rows: [Row]

    /// Groups result rows.
    public init(results: [BenchResult]) {
        var groups: [String: [BenchResult]] = [:]
        var order: [(strategy: String, model: String, bucket: Int?)] = []
        for result in results {
            for bucket in [Self.bucket(result.contextTokens), nil] as [Int?] {
                let id = "\(result.strategy)\u{0}\(result.model)\u{0}\(bucket.map(String.init) ?? "all")"
                if groups[id] == nil { order.append((result.strategy, result.model, bucket)) }
                groups[id, default: []].append(result)
            }
        }
        order.sort { ($0.strategy, $0.model, $0.bucket ?? Int.max) < ($1.strategy, $1.model, $1.bucket ?? Int.max) }
        rows = order.map { group in
            let id = "\(group.strategy)\u{0}\(group.model)\u{0}\(group.bucket.map(String.init) ?? "all")"
            return Self.summarize(groups[id]!, strategy: group.strategy, model: group.model, bucket: group.bucket)
        }
    }

    /// The power-of-two bucket (upper bound) a context length falls in.
    public static func bucket(_ tokens: Int) -> Int {
        var bucket = 1
        while bucket < tokens { bucket *= 2 }
        return bucket
    }

    /// A short label for a bucket: 4096 → `4K`, 1048576 → `1M`, 500 → `512`.
    public static func label(_ tokens: Int?) -> String {
        guard let tokens else { return "all" }
        if tokens >= 1 << 20 && tokens % (1 << 20) == 0 { return "\(tokens >> 20)M" }
        if tokens >= 1024 && tokens % 1024 == 0 { return "\(tokens >> 10)K" }
        return String(tokens)
    }

    private static func summarize(_ runs: [BenchResult], strategy: String, model: String, bucket: Int?) -> Row {
        let count = Double(runs.count)
        let costs = runs.compactMap(\.cost)
        let total = costs.count == runs.count ? costs.reduce(0, +) : nil
        let interval = BenchStatistics.meanInterval(runs.map(\.score), label: "\(strategy)/\(model)/\(label(bucket))")!
        return Row(strategy: strategy, model: model, contextTokens: bucket, runs: runs.count,
                   accuracy: runs.map(\.score).reduce(0, +) / count,
                   accuracyLow: interval.lowerBound, accuracyHigh: interval.upperBound,
                   meanTokens: Double(runs.map(\.tokens).reduce(0, +)) / count,
                   totalCost: total, meanCost: total.map { $0 / count },
                   meanSeconds: runs.map(\.seconds).reduce(0, +) / count,
                   meanSteps: Double(runs.map(\.steps).reduce(0, +)) / count,
                   failed: runs.filter { $0.error != nil }.count)
    }
}
