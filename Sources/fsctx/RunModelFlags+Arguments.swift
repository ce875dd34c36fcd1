import ArgumentParser
import Foundation

extension RunModelFlags {
    /// These flags as command-line arguments for another fsctx process (`fsctx launch` starting
    /// `fsctx mcp`): only the flags that differ from their defaults.
    var arguments: [String] {
        let defaults = try? Self.parse([])
        var words: [String] = []
        if let maxReplyTokens { words += ["--max-reply-tokens", maxReplyTokens] }
        if compact != defaults?.compact { words += ["--compact", compact] }
        if let subModel { words += ["--sub-model", subModel] }
        if stuckAfter != defaults?.stuckAfter { words += ["--stuck-after", "\(stuckAfter)"] }
        return words
    }
}
