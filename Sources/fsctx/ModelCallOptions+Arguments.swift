import ArgumentParser
import Foundation

extension ModelCallOptions {
    /// These flags as command-line arguments, for a command that starts another fsctx process
    /// (`fsctx launch` starting `fsctx mcp`): only the flags that differ from their defaults, and
    /// never `--api-key` (a key travels in the environment, not in an argument others can see).
    var arguments: [String] {
        let defaults = try? Self.parse([])
        var words: [String] = []
        if let baseURL { words += ["--base-url", baseURL] }
        if let prices { words += ["--prices", prices] }
        if timeout != defaults?.timeout { words += ["--model-timeout", "\(timeout)"] }
        if idleTimeout != defaults?.idleTimeout { words += ["--idle-timeout", "\(idleTimeout)"] }
        if retries != defaults?.retries { words += ["--retries", "\(retries)"] }
        if stream { words.append("--stream") }
        if let contextWindow { words += ["--context-window", "\(contextWindow)"] }
        return words
    }
}
