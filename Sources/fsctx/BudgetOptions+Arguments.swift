import ArgumentParser
import Foundation

extension BudgetOptions {
    /// These flags as command-line arguments for another fsctx process (`fsctx launch` starting
    /// `fsctx mcp --model`): only the flags that differ from their defaults.
    var arguments: [String] {
        let defaults = try? Self.parse([])
        var words: [String] = []
        if maxSteps != defaults?.maxSteps { words += ["--max-steps", "\(maxSteps)"] }
        if maxDepth != defaults?.maxDepth { words += ["--max-depth", "\(maxDepth)"] }
        if maxWidth != defaults?.maxWidth { words += ["--max-width", "\(maxWidth)"] }
        if let maxTokens { words += ["--max-tokens", "\(maxTokens)"] }
        if let maxUSD { words += ["--max-usd", "\(maxUSD)"] }
        if let timeout { words += ["--timeout", "\(timeout)"] }
        if maxErrors != defaults?.maxErrors { words += ["--max-errors", "\(maxErrors)"] }
        if let maxSubcalls { words += ["--max-subcalls", "\(maxSubcalls)"] }
        return words
    }
}
