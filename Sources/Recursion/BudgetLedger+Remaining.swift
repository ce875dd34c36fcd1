import Foundation
import Shell

extension BudgetLedger {
    /// One budget and how much of it is left.
    struct Remaining: Sendable {
        var name: String
        var left: Double
        var limit: Double
        var text: String
        /// Below a quarter left.
        var isLow: Bool { limit > 0 && left / limit < 0.25 }
    }

    /// Every limited budget of this agent: steps, tokens, dollars, seconds, depth.
    func remaining(now: Date = Date()) -> [Remaining] {
        var list: [Remaining] = []
        let steps = Double(max(0, budget.maxSteps - stepsTaken))
        list.append(Remaining(name: "steps", left: steps, limit: Double(budget.maxSteps), text: "\(Int(steps)) of \(budget.maxSteps) steps"))
        let root = self.root
        if let limit = root.budget.maxTokens {
            let left = Double(max(0, limit - root.tokensSpent))
            list.append(Remaining(name: "tokens", left: left, limit: Double(limit), text: "\(Int(left)) of \(limit) tokens"))
        }
        if let limit = root.budget.maxUSD {
            let left = max(0, limit - root.knownDollars)
            list.append(Remaining(name: "dollars", left: left, limit: limit, text: String(format: "$%.4f of $%.4f", left, limit)))
        }
        if let deadline, let limit = root.budget.timeoutSeconds {
            let left = max(0, deadline.timeIntervalSince(now))
            list.append(Remaining(name: "seconds", left: left, limit: limit, text: String(format: "%.0f of %.0f seconds", left, limit)))
        }
        let depthLeft = max(0, budget.maxDepth - depth)
        list.append(Remaining(name: "depth", left: Double(depthLeft), limit: Double(budget.maxDepth),
                              text: "\(depthLeft) of \(budget.maxDepth) sub-call levels"))
        return list
    }

    /// What the `budget` builtin prints: one budget per line.
    func report(now: Date = Date()) -> String {
        remaining(now: now).map { "\($0.name): \($0.text) left" }.joined(separator: "\n") + "\n"
    }

    /// The line appended to an observation when a budget (other than depth) is below 25%, else nil.
    func lowBudgetLine(now: Date = Date()) -> String? {
        let low = remaining(now: now).filter { $0.isLow && $0.name != "depth" }
        guard !low.isEmpty else { return nil }
        return "[budget low: " + low.map { "\($0.text) left" }.joined(separator: ", ") + " — answer soon]"
    }
}

/// The `budget` builtin of a run's agents prints their ledger.
extension BudgetLedger: BudgetReporter {
    public func budgetReport() -> String { report() }
}
