import FSContext
import Foundation

/// Two runs side by side (`fsctx diff`): their steps aligned agent by agent, in order, the
/// first pair that differs, and what differs after it (programs, outputs, exit statuses,
/// model actions), with the answers and tokens of both.
public struct RunDiff: Sendable, Codable {
    /// One side of an aligned pair.
    public struct Side: Sendable, Codable, Equatable {
        /// The step number in its run.
        public var step: Int
        /// `model`, `program` or `note`.
        public var kind: String
        /// The step in one line.
        public var headline: String
    }

    /// Two steps at the same place of the same agent (one may be missing).
    public struct Pair: Sendable, Codable {
        /// The agent.
        public var agent: String
        /// The place in the agent's steps (1-based).
        public var index: Int
        /// The step of run A, if it has one here.
        public var a: Side?
        /// The step of run B, if it has one here.
        public var b: Side?
        /// What differs: `missing`, `kind`, `program`, `output`, `exit`, `action`, `text`; empty when the same.
        public var differs: [String]
    }

    /// A run's summary line.
    public struct RunSide: Sendable, Codable {
        /// The run id.
        public var id: String
        /// The answer.
        public var answer: String?
        /// The status.
        public var status: String
        /// Steps.
        public var steps: Int
        /// Tokens.
        public var tokens: Int
    }

    /// Run A.
    public var a: RunSide
    /// Run B.
    public var b: RunSide
    /// Every aligned pair, agents in name order.
    public var pairs: [Pair]
    /// The first pair that differs (in run A's step order), or nil when the runs took the same steps.
    public var firstDivergence: Pair?
    /// Whether the answers are the same after normalization.
    public var sameAnswer: Bool

    /// Pairs that differ.
    public var differing: [Pair] { pairs.filter { !$0.differs.isEmpty } }

    /// Compares runs `a` and `b` of `catalog`.
    public static func compare(_ catalog: RunCatalog, _ a: String, _ b: String) throws -> RunDiff {
        let left = try catalog.steps(a), right = try catalog.steps(b)
        let byAgentA = Dictionary(grouping: left, by: \.agent), byAgentB = Dictionary(grouping: right, by: \.agent)
        var pairs: [Pair] = []
        for agent in Set(byAgentA.keys).union(byAgentB.keys).sorted() {
            let stepsA = byAgentA[agent] ?? [], stepsB = byAgentB[agent] ?? []
            for index in 0..<max(stepsA.count, stepsB.count) {
                let x = index < stepsA.count ? stepsA[index] : nil, y = index < stepsB.count ? stepsB[index] : nil
                pairs.append(Pair(agent: agent, index: index + 1, a: x.map(side), b: y.map(side), differs: differences(x, y)))
            }
        }
        let first = pairs.filter { !$0.differs.isEmpty }.min { ($0.a?.step ?? Int.max, $0.b?.step ?? Int.max) < ($1.a?.step ?? Int.max, $1.b?.step ?? Int.max) }
        let summaryA = try catalog.summary(a), summaryB = try catalog.summary(b)
        return RunDiff(
            a: RunSide(id: a, answer: summaryA.answer, status: summaryA.status, steps: summaryA.steps, tokens: summaryA.tokens),
            b: RunSide(id: b, answer: summaryB.answer, status: summaryB.status, steps: summaryB.steps, tokens: summaryB.tokens),
            pairs: pairs, firstDivergence: first,
            sameAnswer: AnswerNormalizer.normalize(summaryA.answer ?? "") == AnswerNormalizer.normalize(summaryB.answer ?? ""))
    }

    static func side(_ step: RunStep) -> Side { Side(step: step.number, kind: step.kind, headline: step.headline) }

    static func differences(_ x: RunStep?, _ y: RunStep?) -> [String] {
        guard let x, let y else { return ["missing"] }
        guard x.kind == y.kind else { return ["kind"] }
        var found: [String] = []
        switch x.kind {
        case "program":
            if x.program != y.program { found.append("program") }
            if x.output != y.output { found.append("output") }
            if x.exitStatus != y.exitStatus { found.append("exit") }
        case "model":
            let actionX = x.record["response"]?["toolCalls"], actionY = y.record["response"]?["toolCalls"]
            let calls = { (value: JSONValue?) in
                (value?.arrayValue ?? []).map { "\($0["name"]?.stringValue ?? "")(\($0["argumentsText"]?.stringValue ?? ""))" }
            }
            if calls(actionX) != calls(actionY) { found.append("action") }
            if x.record["response"]?["text"] != y.record["response"]?["text"] { found.append("text") }
        default:
            if x.record["text"] != y.record["text"] { found.append("text") }
        }
        return found
    }

    /// The text of `fsctx diff`.
    public func text(limit: Int = 40) -> String {
        var text = "A \(a.id): \(a.status), \(a.steps) steps, \(a.tokens) tokens → \(RunFormatter.clip(a.answer ?? "—", 60))\n"
        text += "B \(b.id): \(b.status), \(b.steps) steps, \(b.tokens) tokens → \(RunFormatter.clip(b.answer ?? "—", 60))\n"
        text += "answers: \(sameAnswer ? "the same" : "differ"); tokens: \(b.tokens - a.tokens >= 0 ? "+" : "")\(b.tokens - a.tokens) (B − A)\n"
        guard let first = firstDivergence else {
            return text + "steps: the same \(pairs.count) steps, agent by agent\n"
        }
        text += "first divergence: agent \(first.agent), step \(first.index) of it (\(first.differs.joined(separator: ", ")) differ)\n"
        text += "  A #\(first.a.map { "\($0.step) \($0.headline)" } ?? "— (no step)")\n"
        text += "  B #\(first.b.map { "\($0.step) \($0.headline)" } ?? "— (no step)")\n"
        let after = differing
        text += "\(after.count) of \(pairs.count) aligned steps differ"
            + " (\(after.filter { $0.a == nil }.count) only in B, \(after.filter { $0.b == nil }.count) only in A)\n\n"
        let rows = after.prefix(limit).map { pair in
            [pair.agent, "\(pair.index)", pair.a.map { "#\($0.step) \(RunFormatter.clip($0.headline, 44))" } ?? "—",
             pair.b.map { "#\($0.step) \(RunFormatter.clip($0.headline, 44))" } ?? "—", pair.differs.joined(separator: ",")]
        }
        text += RunFormatter.table(["agent", "n", "A", "B", "differs"], rows)
        if after.count > limit { text += "… \(after.count - limit) more (fsctx diff --json)\n" }
        return text
    }
}
