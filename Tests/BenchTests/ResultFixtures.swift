@testable import Bench

/// Hand-made result rows with known aggregates.
enum ResultFixtures {
    static func row(_ task: String, _ strategy: String, _ model: String, tokens: Int, score: Double, cost: Double?,
                    seconds: Double = 1, steps: Int = 2, error: String? = nil) -> BenchResult {
        BenchResult(task: task, suite: .niah, variant: "single", strategy: strategy, model: model, contextTokens: tokens,
                    needleDepth: 0.5, score: score, answer: "42", tokens: tokens / 10, cost: cost, seconds: seconds,
                    steps: steps, depth: 0, runId: "r-\(task)", repo: "/tmp/repo", error: error)
    }

    /// rlm/offline: 4K scores 1, 0.5; 8K (5000 and 8192 tokens) scores 1, 0 — cost known (0).
    /// agent/gpt: 4K one run score 1 with unknown cost, 8K one run score 0.25 cost 0.02.
    static let rows: [BenchResult] = [
        row("a", "rlm", "offline", tokens: 4096, score: 1, cost: 0, seconds: 2, steps: 4),
        row("b", "rlm", "offline", tokens: 4096, score: 0.5, cost: 0, seconds: 4, steps: 6),
        row("c", "rlm", "offline", tokens: 5000, score: 1, cost: 0, seconds: 1, steps: 1),
        row("d", "rlm", "offline", tokens: 8192, score: 0, cost: 0, seconds: 3, steps: 3, error: "timeout"),
        row("a", "agent", "gpt", tokens: 4096, score: 1, cost: nil),
        row("c", "agent", "gpt", tokens: 5000, score: 0.25, cost: 0.02),
    ]
}
