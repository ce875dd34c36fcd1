import Foundation
import Models

/// Spending across a run tree. Each agent (the root, each sub-call, each SRLM candidate) has
/// its own ledger for steps; tokens, dollars and time are charged up the chain to the root,
/// so a child can never spend more than its parent has left.
public final class BudgetLedger: @unchecked Sendable {
    /// The limits of this agent.
    public let budget: RunBudget
    /// How deep this agent is (root: 0).
    public let depth: Int
    private let parent: BudgetLedger?
    let deadline: Date?
    private let lock = NSLock()
    private var steps = 0
    private var spent = TokenUsage.zero
    private var knownCost = 0.0

    /// A root ledger for a run starting now.
    public init(budget: RunBudget, now: Date = Date()) {
        self.budget = budget
        self.depth = 0
        self.parent = nil
        self.deadline = budget.timeoutSeconds.map { now.addingTimeInterval($0) }
    }

    private init(parent: BudgetLedger, budget: RunBudget, depth: Int) {
        self.budget = budget
        self.depth = depth
        self.parent = parent
        self.deadline = parent.deadline
    }

    /// A ledger for a sub-call or candidate: its own step count (`maxSteps`, default half the
    /// parent's, at least 4), sharing the parent's token, dollar and time limits.
    public func child(maxSteps: Int? = nil) -> BudgetLedger {
        var carved = budget
        carved.maxSteps = maxSteps ?? max(4, budget.maxSteps / 2)
        return BudgetLedger(parent: self, budget: carved, depth: depth + 1)
    }

    /// A ledger for an SRLM candidate: a whole run's steps at the same depth, sharing the
    /// tree's token, dollar and time limits.
    public func sibling() -> BudgetLedger {
        BudgetLedger(parent: self, budget: budget, depth: depth)
    }

    /// Counts one step of this agent.
    public func chargeStep() {
        lock.withLock { steps += 1 }
    }

    /// Charges a model call's usage here and up to the root.
    public func charge(_ usage: TokenUsage) {
        lock.withLock {
            spent += usage
            knownCost += usage.costUSD ?? 0
        }
        parent?.charge(usage)
    }

    /// Steps taken by this agent.
    public var stepsTaken: Int { lock.withLock { steps } }

    /// Usage charged here (including children).
    public var usage: TokenUsage { lock.withLock { spent } }

    /// Tokens charged here (including children).
    public var tokensSpent: Int { usage.totalTokens }

    /// Dollars charged here, or nil when any charge had an unknown cost.
    public var dollarsSpent: Double? { usage.costUSD }

    /// Dollars of the charges whose cost is known (what a dollar limit can enforce).
    var knownDollars: Double { lock.withLock { knownCost } }

    /// Tokens still available to this agent under the tree's limit (nil: unlimited).
    public var tokensLeft: Int? {
        let root = self.root
        guard let limit = root.budget.maxTokens else { return nil }
        return max(0, limit - root.tokensSpent)
    }

    /// Why this agent must stop now, or nil when it may take another step.
    public func exhausted(now: Date = Date()) -> StopReason? {
        if Task.isCancelled { return .interrupted }
        if lock.withLock({ steps }) >= budget.maxSteps { return .budgetSteps }
        if let deadline, now >= deadline { return .budgetTime }
        let root = self.root
        if let limit = root.budget.maxTokens, root.tokensSpent >= limit { return .budgetTokens }
        // An unknown cost cannot be enforced; what is known still counts.
        if let limit = root.budget.maxUSD, root.knownDollars >= limit { return .budgetUSD }
        return nil
    }

    var root: BudgetLedger { parent?.root ?? self }
}
