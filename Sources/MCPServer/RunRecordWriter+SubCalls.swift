import FSContext
import Foundation
import Models
import Recursion

extension RunRecordWriter {
    /// What the sub-calls of an MCP server started with `--model` left in run `runID`: how many
    /// there were (one side branch each), the steps recorded by them and the agents under them
    /// (their `agent` is below the root, `root/llm-…`), the deepest level reached, and the
    /// usage of their model turns by model name.
    static func subCallTally(repository: GitRepository, runID: String) -> SubCallTally {
        var tally = SubCallTally()
        tally.subcalls = (try? repository.references(withPrefix: "refs/fsctx/branches/\(runID)/").count) ?? 0
        guard tally.subcalls > 0, let head = try? repository.resolveReference(RunID.ref(runID)),
              let entries = try? repository.listTree(head, path: ".fsctx/runs/\(runID)/steps") else { return tally }
        for entry in entries where entry.kind == .blob {
            guard let bytes = try? repository.readBlob(entry.oid),
                  let step = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
                  let agent = step["agent"] as? String, agent.hasPrefix("root/") else { continue }
            tally.steps += 1
            tally.depth = max(tally.depth, step["depth"] as? Int ?? agent.split(separator: "/").count - 1)
            if let response = step["response"] as? [String: Any], let usage = response["usage"],
               let data = try? JSONSerialization.data(withJSONObject: usage),
               let spent = try? JSONDecoder().decode(TokenUsage.self, from: data) {
                tally.usageByModel[step["model"] as? String ?? response["model"] as? String ?? "?", default: .zero] += spent
            }
        }
        return tally
    }
}

/// What the sub-calls of a launched agent's server left in its run.
struct SubCallTally {
    /// Sub-calls made (one side branch each).
    var subcalls = 0
    /// Steps they recorded (model turns, and the steps of `rlm` sub-agents).
    var steps = 0
    /// The deepest level reached.
    var depth = 0
    /// Their models' usage, by model name.
    var usageByModel: [String: TokenUsage] = [:]
}
