extension Builtins {
    /// `budget`: what the agent has left (steps, tokens, dollars, seconds, depth), one per line.
    static func budget(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        guard arguments.isEmpty else { return usage(&io, "budget takes no arguments", "budget") }
        guard let reporter = execution.budget else {
            io.error("fsctx-sh: budget: no budgets outside a run (run inside fsctx run)\n")
            return 1
        }
        io.print(reporter.budgetReport())
        return 0
    }
}
