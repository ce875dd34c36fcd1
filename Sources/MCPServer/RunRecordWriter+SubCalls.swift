import FSContext
import Foundation
import Recursion

extension RunRecordWriter {
    /// What the sub-calls of an MCP server started with `--model` left in run `runID`: how many
    /// there were (one side branch each), the steps recorded by them and the agents under them
    /// (their `agent` is below the root, `root/llm-…`), and the deepest level reached.
    static func subCallTally(repository: GitRepository, runID: String) -> (subcalls: Int, steps: Int, depth: Int) {
        let subcalls = (try? repository.references(withPrefix: "refs/fsctx/branches/\(runID)/").count) ?? 0
        guard subcalls > 0, let head = try? repository.resolveReference(RunID.ref(runID)),
              let entries = try? repository.listTree(head, path: ".fsctx/runs/\(runID)/steps") else { return (subcalls, 0, 0) }
        var steps = 0, depth = 0
        for entry in entries where entry.kind == .blob {
            guard let bytes = try? repository.readBlob(entry.oid),
                  let step = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
                  let agent = step["agent"] as? String, agent.hasPrefix("root/") else { continue }
            steps += 1
            depth = max(depth, step["depth"] as? Int ?? agent.split(separator: "/").count - 1)
        }
        return (subcalls, steps, depth)
    }
}
