import FSContext
import Foundation
import Models

/// Text renderings of runs for `fsctx log` and `fsctx show`.
public enum RunFormatter {
    /// The `fsctx log` table: one run a line.
    public static func logTable(_ runs: [RunSummary]) -> String {
        guard !runs.isEmpty else { return "no runs yet; start one with `fsctx run <repo> --question '…'`\n" }
        let header = ["run", "strategy", "model", "status", "steps", "tokens", "cost", "time", "question → answer"]
        let rows = runs.map { run in
            [run.id, run.strategy, run.model, run.status, "\(run.steps)", "\(run.tokens)",
             run.seconds == nil ? "-" : run.costUSD.map { String(format: "$%.4f", $0) } ?? "?",
             run.seconds.map { String(format: "%.1fs", $0) } ?? "-",
             clip(run.question, 40) + " → " + clip(run.answer ?? "—", 30)]
        }
        return table(header, rows)
    }

    /// The `fsctx show` text: configuration, outcome, the agent tree, SRLM scores and the trajectory.
    /// Runs recorded by `fsctx sh` or an MCP session have no `run.json`: pass nil.
    public static func show(
        runID: String, configuration: RunConfiguration?, outcome: RunOutcome?, steps: [RunStep], selection: JSONValue?
    ) -> String {
        var text: String
        if let configuration {
            text = "run \(runID): \(configuration.strategy) with \(configuration.model)\n"
            text += "question: \(configuration.question)\n"
        } else {
            text = "run \(runID): recorded by fsctx sh, mcp or launch (no fsctx run configuration)\n"
        }
        if let outcome {
            text += "answer:   \(outcome.answer ?? "—")\n"
            text += "status:   \(outcome.stopReason.rawValue), \(outcome.steps) steps, depth \(outcome.depth), "
                + "\(outcome.usage.totalTokens) tokens (\(outcome.usage.promptTokens) in, \(outcome.usage.completionTokens) out), "
                + "cost \(outcome.usage.costDescription), \(String(format: "%.2f", outcome.seconds)) s\n"
            if let error = outcome.error { text += "error:    \(error)\n" }
            if let grounded = outcome.grounded {
                let evidence = outcome.evidence ?? []
                text += "grounded: " + (grounded ? "yes, \(evidence.count) line\(evidence.count == 1 ? "" : "s") seen contain the answer\n"
                                                 : "no: no line the agents saw contains the answer\n")
                for item in evidence.prefix(5) {
                    text += "          step \(item.step) \(item.agent): \(item.location)  │ \(clip(item.text, 60))\n"
                }
                if evidence.count > 5 { text += "          … \(evidence.count - 5) more (fsctx show --json)\n" }
            }
        } else if configuration != nil {
            text += "status:   incomplete (no answer.json: the run was killed or is still running)\n"
        }
        text += "\nagents (sub-call tree):\n"
        let byAgent = Dictionary(grouping: steps, by: \.agent)
        for agent in byAgent.keys.sorted() {
            let depth = agent.split(separator: "/").count - 1
            let agentSteps = byAgent[agent]!
            let turns = agentSteps.filter { $0.kind == "model" }.count
            text += "  " + String(repeating: "  ", count: depth) + "\(agent.split(separator: "/").last ?? "root")"
                + "  \(turns) model turn\(turns == 1 ? "" : "s"), \(agentSteps.count - turns) program\(agentSteps.count - turns == 1 ? "" : "s")\n"
        }
        if let selection, let scores = selection["selection"]?["scores"]?.arrayValue {
            let chosen = selection["selection"]?["chosen"]?.intValue
            let candidates = selection["candidates"]?.arrayValue ?? []
            text += "\nSRLM selection (s = VC·Len; majority first, then the largest s):\n"
            let rows = scores.map { score -> [String] in
                let index = score["index"]?.intValue ?? -1
                let candidate: JSONValue? = index >= 0 && index < candidates.count ? candidates[index] : nil
                return [index == chosen ? "*" : "", candidate?["agent"]?.stringValue ?? "#\(index)",
                        clip(candidate?["answer"]?.stringValue ?? "—", 30),
                        score["inMajority"]?.boolValue == true ? "yes" : "no",
                        String(format: "%.3f", score["verbalizedConfidence"]?.numberValue ?? 0),
                        "\(score["length"]?.intValue ?? 0)",
                        String(format: "%.2f", score["score"]?.numberValue ?? 0),
                        (score["turnConfidences"]?.arrayValue ?? []).map { $0.numberValue.map { String(format: "%g", $0) } ?? "–" }
                            .joined(separator: " ")]
            }
            text += table(["", "candidate", "answer", "majority", "VC", "Len", "s", "ν per turn (– = none, counts 50)"], rows).split(separator: "\n").map { "  " + $0 }
                .joined(separator: "\n") + "\n"
        }
        text += "\ntrajectory:\n"
        for step in steps {
            text += String(format: "  #%-4d ", step.number) + "\(step.agent)  \(step.headline)\n"
            if step.kind == "program", let output = step.output, !output.isEmpty {
                let lines = output.split(separator: "\n", omittingEmptySubsequences: false).prefix(4)
                for line in lines where !line.isEmpty { text += "          │ " + clip(String(line), 110) + "\n" }
            }
        }
        return text
    }

    /// The `fsctx log --tool …` table: one matching step a line.
    public static func stepTable(_ matches: [StepMatch]) -> String {
        guard !matches.isEmpty else { return "no step matches\n" }
        return table(["run", "step", "agent", "what"], matches.map { [$0.runID, "\($0.step)", $0.agent, clip($0.headline, 90)] })
    }

    static func clip(_ text: String, _ width: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= width ? flat : String(flat.prefix(width - 1)) + "…"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let render = { (row: [String]) in
            String(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .reversed().drop { $0 == " " }.reversed())
        }
        return ([render(header)] + rows.map(render)).joined(separator: "\n") + "\n"
    }
}
