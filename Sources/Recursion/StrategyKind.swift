/// The strategies by name: what `--strategy` accepts and `run.json` records.
///
/// Adding a strategy is one new file (the `Strategy`, with its `Options` if it has any) plus one
/// line in `registered`.
public struct StrategyKind: RawRepresentable, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Every strategy, in the order help texts list them.
    static let registered: [any Strategy] = [
        DirectStrategy(),
        RAGStrategy(),
        AgentStrategy(),
        RLMStrategy(),
        SRLMStrategy(),
        ChainOfAgentsStrategy(),
    ]

    /// The strategy's name.
    public let rawValue: String

    /// The kind named `rawValue`, or nil when no strategy has that name.
    public init?(rawValue: String) {
        guard Self.registered.contains(where: { $0.name == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    private init(registered name: String) { rawValue = name }

    /// Every strategy, in the order help texts list them.
    public static let allCases: [StrategyKind] = registered.map { StrategyKind(registered: $0.name) }

    /// The strategy value.
    public var strategy: any Strategy { Self.registered.first { $0.name == rawValue }! }

    public var description: String { rawValue }

    /// The corpus, cut to the model's window, in one prompt.
    public static let direct = StrategyKind(registered: "direct")
    /// BM25 retrieval of the top chunks, then one answer.
    public static let rag = StrategyKind(registered: "rag")
    /// A coding agent over the file system, no sub-calls.
    public static let agent = StrategyKind(registered: "agent")
    /// The agent plus `llm`/`rlm` sub-calls.
    public static let rlm = StrategyKind(registered: "rlm")
    /// K candidate programs, self-consistency, then VC·Len.
    public static let srlm = StrategyKind(registered: "srlm")
    /// Chain of agents: workers pass notes over the chunks in order, a manager answers.
    public static let coa = StrategyKind(registered: "coa")
}
