import FSContext
import Foundation
import Recursion
import SharedValues

/// One run as a self-contained HTML page (`fsctx view --html`): the answer with its evidence,
/// SRLM scores and the selection, and the tree of agents (sub-calls, sub-agents, candidates)
/// as collapsible `<details>` nodes with tokens, cost and time per node; each step shows its
/// program and output, or the model's text and calls. No script, no network: inline CSS only.
public struct RunPage: Sendable {
    /// The run id.
    public var runID: String
    /// `run.json`, when the run has one.
    public var configuration: RunConfiguration?
    /// `answer.json`, when the run finished.
    public var outcome: RunOutcome?
    /// Every step.
    public var steps: [RunStep]
    /// `selection.json`, for SRLM runs.
    public var selection: JSONValue?

    /// Reads run `runID` from `catalog`.
    public init(catalog: RunCatalog, runID: String) throws {
        self.runID = runID
        steps = try catalog.steps(runID)
        configuration = try? catalog.configuration(runID)
        outcome = try? catalog.outcome(runID)
        selection = try catalog.selection(runID)
    }

    /// The page.
    public func render() -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>fsctx run \(escape(runID))</title>
        <style>\(Self.style)</style></head><body>
        <h1>run <code>\(escape(runID))</code></h1>

        """
        html += header()
        html += selectionTable()
        html += "<h2>agents and steps</h2>\n"
        html += agentNode("root", depth: 0)
        html += "</body></html>\n"
        return html
    }

    private func header() -> String {
        var rows: [(String, String)] = []
        if let configuration {
            rows.append(("strategy", escape(configuration.strategy)))
            rows.append(("model", escape(configuration.model)))
            rows.append(("question", escape(configuration.question)))
        }
        if let outcome {
            rows.append(("answer", "<strong class=\"answer\">\(escape(outcome.answer ?? "—"))</strong>"))
            rows.append(("status", escape(outcome.stopReason.rawValue) + (outcome.error.map { " — " + escape($0) } ?? "")))
            rows.append(("usage", "\(outcome.usage.totalTokens) tokens (\(outcome.usage.promptTokens) in, \(outcome.usage.completionTokens) out), "
                         + "cost \(escape(outcome.usage.costDescription)), \(String(format: "%.2f", outcome.seconds)) s, \(outcome.steps) steps, depth \(outcome.depth)"))
            if let grounded = outcome.grounded {
                var cell = grounded ? "<span class=\"yes\">grounded</span>" : "<span class=\"no\">not grounded: no line the agents saw contains the answer</span>"
                if let evidence = outcome.evidence, !evidence.isEmpty {
                    cell += "<ul class=\"evidence\">" + evidence.map { item in
                        "<li data-evidence-step=\"\(item.step)\"><a href=\"#step-\(item.step)\">step \(item.step)</a> \(escape(item.agent)): "
                            + "<code>\(escape(item.location))</code> <q>\(escape(item.text))</q></li>"
                    }.joined() + "</ul>"
                }
                rows.append(("evidence", cell))
            }
        } else {
            rows.append(("status", "incomplete (no answer.json)"))
        }
        return "<table class=\"summary\">" + rows.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined() + "</table>\n"
    }

    private func selectionTable() -> String {
        guard let selection, let scores = selection["selection"]?["scores"]?.arrayValue else { return "" }
        let chosen = selection["selection"]?["chosen"]?.intValue
        let candidates = selection["candidates"]?.arrayValue ?? []
        var html = "<h2>SRLM selection</h2>\n<table class=\"selection\"><tr><th></th><th>candidate</th><th>answer</th><th>majority</th><th>VC</th><th>Len</th><th>s</th></tr>"
        for score in scores {
            let index = score["index"]?.intValue ?? -1
            let candidate: JSONValue? = index >= 0 && index < candidates.count ? candidates[index] : nil
            html += "<tr class=\"\(index == chosen ? "chosen" : "")\" data-candidate=\"\(index)\"><td>\(index == chosen ? "✔" : "")</td>"
                + "<td>\(escape(candidate?["agent"]?.stringValue ?? "#\(index)"))</td><td>\(escape(candidate?["answer"]?.stringValue ?? "—"))</td>"
                + "<td>\(score["inMajority"]?.boolValue == true ? "yes" : "no")</td>"
                + "<td>\(String(format: "%.3f", score["verbalizedConfidence"]?.numberValue ?? 0))</td><td>\(score["length"]?.intValue ?? 0)</td>"
                + "<td>\(String(format: "%.2f", score["score"]?.numberValue ?? 0))</td></tr>"
        }
        return html + "</table>\n"
    }

    /// Tokens, cost and seconds of an agent and everything under it.
    private func totals(_ agent: String) -> (tokens: Int, cost: Double?, seconds: Double, steps: Int) {
        var tokens = 0, seconds = 0.0, cost: Double? = 0, count = 0
        for step in steps where step.agent == agent || step.agent.hasPrefix(agent + "/") {
            count += 1
            if step.kind == "model", let usage = step.record["response"]?["usage"] {
                tokens += (usage["promptTokens"]?.intValue ?? 0) + (usage["completionTokens"]?.intValue ?? 0)
                if let value = usage["costUSD"]?.numberValue { cost = cost.map { $0 + value } } else { cost = nil }
                seconds += step.record["response"]?["latencySeconds"]?.numberValue ?? 0
            } else {
                seconds += step.record["duration_seconds"]?.numberValue ?? 0
            }
        }
        return (tokens, cost, seconds, count)
    }

    private func agentNode(_ agent: String, depth: Int) -> String {
        let own = steps.filter { $0.agent == agent }
        let children = Set(steps.map(\.agent).filter { $0.hasPrefix(agent + "/") }.map { path -> String in
            let rest = path.dropFirst(agent.count + 1)
            return agent + "/" + (rest.split(separator: "/").first.map(String.init) ?? String(rest))
        })
        let firstStep = { (child: String) in self.steps.first { $0.agent == child || $0.agent.hasPrefix(child + "/") }?.number ?? Int.max }
        var items: [(Int, String)] = own.map { ($0.number, stepNode($0)) }
        for child in children { items.append((firstStep(child), agentNode(child, depth: depth + 1))) }
        items.sort { $0.0 < $1.0 }
        let total = totals(agent)
        let turns = own.filter { $0.kind == "model" }.count
        let name = agent.split(separator: "/").last.map(String.init) ?? agent
        let cost = total.cost.map { String(format: "$%.4f", $0) } ?? "?"
        return "<details class=\"agent\" data-agent=\"\(escape(agent))\" open><summary><span class=\"name\">\(escape(name))</span> "
            + "<span class=\"meta\">\(turns) model turn\(turns == 1 ? "" : "s"), \(own.count - turns) other step\(own.count - turns == 1 ? "" : "s"); "
            + "subtree: \(total.steps) steps, \(total.tokens) tokens, \(cost), \(String(format: "%.2f", total.seconds)) s</span></summary>\n"
            + items.map(\.1).joined() + "</details>\n"
    }

    private func stepNode(_ step: RunStep) -> String {
        var body = ""
        switch step.kind {
        case "model":
            let response = step.record["response"]
            if let thinking = step.record["thinking"]?.stringValue, !thinking.isEmpty {
                body += "<div class=\"label\">thinking</div><pre class=\"thinking\">\(escape(thinking))</pre>"
            }
            if let text = response?["text"]?.stringValue, !text.isEmpty { body += "<div class=\"label\">said</div><pre>\(escape(text))</pre>" }
            for call in response?["toolCalls"]?.arrayValue ?? [] {
                body += "<div class=\"label\">calls \(escape(call["name"]?.stringValue ?? ""))</div><pre class=\"call\">\(escape(call["argumentsText"]?.stringValue ?? ""))</pre>"
            }
            let usage = response?["usage"]
            body += "<div class=\"meta\">\(usage?["promptTokens"]?.intValue ?? 0) tokens in, \(usage?["completionTokens"]?.intValue ?? 0) out"
                + (response?["model"]?.stringValue.map { ", " + escape($0) } ?? "") + "</div>"
        case "program":
            body += "<div class=\"label\">program</div><pre class=\"program\">\(escape(step.program ?? ""))</pre>"
            body += "<div class=\"label\">output</div><pre class=\"output\">\(escape(step.output ?? ""))</pre>"
            var meta = "exit \(step.exitStatus.map(String.init) ?? "?"), \(String(format: "%.3f", step.record["duration_seconds"]?.numberValue ?? 0)) s"
            if step.record["outside"]?.boolValue == true { meta += ", ran outside fsctx's tools" }
            if let files = step.record["corpus_files"]?.arrayValue?.compactMap(\.stringValue), !files.isEmpty {
                meta += ", corpus files: " + files.map(escape).joined(separator: ", ")
            }
            body += "<div class=\"meta\">\(meta)</div>"
        default:
            body += "<pre>\(escape(step.record["text"]?.stringValue ?? step.record.jsonText))</pre>"
        }
        let evidence = outcome?.evidence?.contains { $0.step == step.number } == true ? " evidence" : ""
        return "<details class=\"step \(escape(step.kind))\(evidence)\" id=\"step-\(step.number)\" data-step=\"\(step.number)\" data-kind=\"\(escape(step.kind))\">"
            + "<summary><span class=\"number\">#\(step.number)</span> \(escape(step.headline))</summary>\(body)</details>\n"
    }

    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
    body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2430;background:#fafbfc}
    h1{font-size:20px}h2{font-size:16px;margin-top:24px}
    code,pre{font:12px/1.4 ui-monospace,Menlo,monospace}
    pre{background:#fff;border:1px solid #dde2e8;padding:6px 8px;margin:2px 0 6px;white-space:pre-wrap;max-height:360px;overflow:auto}
    table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:3px 10px;border-bottom:1px solid #e3e7ec}
    .summary th{color:#5b6675;font-weight:600}
    .answer{font-size:16px}.yes{color:#1a7f37;font-weight:600}.no{color:#b42318;font-weight:600}
    tr.chosen{background:#e6f4ea}
    details.agent{border-left:3px solid #4c6ef5;margin:6px 0 6px 10px;padding-left:10px}
    details.agent>summary{font-weight:600;cursor:pointer;padding:3px 0}
    details.step{margin:2px 0 2px 4px}details.step>summary{cursor:pointer}
    details.step.model>summary{color:#6741d9}details.step.program>summary{color:#1d2430}details.step.note>summary{color:#8a6d00}
    details.step.evidence>summary{background:#fff3bf}
    .number{color:#8892a0;display:inline-block;min-width:3em}.meta{color:#5b6675;font-weight:400;font-size:12px}.label{color:#8892a0;font-size:11px;margin-top:4px}
    """
}
