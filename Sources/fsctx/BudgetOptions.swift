import ArgumentParser
import Recursion

/// The budget flags of every command that runs strategies (`run`, `bench`): one `RunBudget`.
struct BudgetOptions: ParsableArguments {
    @Option(name: .customLong("max-steps"), help: "Steps (model turns + programs) per agent.")
    var maxSteps: Int = 40

    @Option(name: .customLong("max-depth"), help: "Deepest sub-call level; at the limit a sub-call is a plain completion.")
    var maxDepth: Int = 2

    @Option(name: .customLong("max-width"), help: "Sub-calls running at once per agent.")
    var maxWidth: Int = 4

    @Option(name: .customLong("max-tokens"), help: "Total tokens for the whole run tree.")
    var maxTokens: Int?

    @Option(name: .customLong("max-usd"), help: "Total dollars for the whole run tree (known costs only).")
    var maxUSD: Double?

    @Option(name: .long, help: "Wall-clock limit in seconds (per run).")
    var timeout: Double?

    @Option(name: .customLong("max-errors"), help: "Consecutive errors before the run gives up.")
    var maxErrors: Int = 4

    @Option(name: .customLong("max-subcalls"), help: "Sub-calls allowed across the whole run tree (each file of llm --each counts).")
    var maxSubcalls: Int?

    func validate() throws {
        if let problem = budget.problem { throw ValidationError("budget: \(problem)") }
    }

    /// The budget these flags describe.
    var budget: RunBudget {
        RunBudget(maxSteps: maxSteps, maxDepth: maxDepth, maxWidth: maxWidth, maxTokens: maxTokens,
                  maxUSD: maxUSD, timeoutSeconds: timeout, maxConsecutiveErrors: maxErrors, maxSubcalls: maxSubcalls)
    }
}
