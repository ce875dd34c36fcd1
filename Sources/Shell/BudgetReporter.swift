/// What the `budget` builtin prints, supplied by the Recursion layer for a run: the steps,
/// tokens, dollars, seconds and sub-call depth the agent has left. Outside a run there is none.
public protocol BudgetReporter: Sendable {
    /// One budget per line, e.g. `steps: 12 of 40 steps left`.
    func budgetReport() -> String
}
