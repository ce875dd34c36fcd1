import FSContext
import Foundation
import Shell

/// The options of a run: the knobs every agent strategy shares (tool mode, seed, output cut, allowed programs) and
/// each strategy's own options (`SRLMStrategy.Options`, `RAGStrategy.Options`, …), read and
/// written by type: `options[SRLMStrategy.Options.self].candidates = 4`, or `options.srlm` where a
/// strategy file names a shortcut. Encoded flat, one object, as `run.json` has always held it.
public struct StrategyOptions: Sendable, Codable, Equatable {
    /// How actions reach the shell: function calls, or fenced ```sh blocks for models
    /// without tool calling.
    public enum ToolMode: String, Sendable, Codable, Equatable, CaseIterable {
        /// Function calling (`sh`, `grep`, `read`, `ls`, `find`, `answer`).
        case functions
        /// One ```sh block per turn; the output comes back as the next user message.
        case fenced
    }

    /// Function calls or fenced blocks.
    public var toolMode: ToolMode
    /// The base seed (SRLM candidate i uses seed + i).
    public var seed: Int
    /// The most bytes of output one program returns to the model.
    public var maxOutputBytes: Int
    /// The real programs the agents' shells may run under bubblewrap (`--allow-programs`); nil:
    /// the corpus's `.fsctx/config`, else `ProgramPolicy.defaultPrograms`. `Runner` records the
    /// list in effect, so a replay or fork runs with the same one.
    public var allowPrograms: [String]?
    /// Every registered strategy's own options, as flat JSON members.
    private var members: [String: JSONValue]

    /// Creates options with the defaults of DESIGN §7.
    public init(toolMode: ToolMode = .functions, seed: Int = 0, maxOutputBytes: Int = 12_000, allowPrograms: [String]? = nil) {
        self.toolMode = toolMode
        self.seed = seed
        self.maxOutputBytes = maxOutputBytes
        self.allowPrograms = allowPrograms
        members = Self.defaultMembers
    }

    /// The options of the strategy whose options type is `type`.
    public subscript<Options: StrategySpecificOptions>(_ type: Options.Type) -> Options {
        get { (try? Options(members: members)) ?? Options() }
        set { members.merge(newValue.members) { _, new in new } }
    }

    /// What is wrong with any strategy's options, or nil.
    public var problem: String? {
        if let allowPrograms, case .failure(let error) = ProgramPolicy.parseList(allowPrograms.joined(separator: ",")) {
            return error.message
        }
        for strategy in StrategyKind.registered {
            if let problem = strategy.problem(in: self) { return problem }
        }
        return nil
    }

    /// The defaults of every registered strategy's options.
    private static let defaultMembers: [String: JSONValue] = StrategyKind.registered.reduce(into: [:]) { members, strategy in
        members.merge(strategy.defaultOptionMembers) { old, _ in old }
    }

    private enum SharedKey: String, CodingKey, CaseIterable { case toolMode, seed, maxOutputBytes, allowPrograms }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: SharedKey.self)
        self.init(toolMode: try container.decodeIfPresent(ToolMode.self, forKey: .toolMode) ?? .functions,
                  seed: try container.decodeIfPresent(Int.self, forKey: .seed) ?? 0,
                  maxOutputBytes: try container.decodeIfPresent(Int.self, forKey: .maxOutputBytes) ?? 12_000,
                  allowPrograms: try container.decodeIfPresent([String].self, forKey: .allowPrograms))
        var recorded = try JSONValue(from: decoder).objectValue ?? [:]
        for key in SharedKey.allCases { recorded[key.rawValue] = nil }
        members.merge(recorded) { _, new in new }
        for strategy in StrategyKind.registered { try strategy.checkOptions(in: members) }
    }

    public func encode(to encoder: Encoder) throws {
        var all = members
        all[SharedKey.toolMode.rawValue] = .string(toolMode.rawValue)
        all[SharedKey.seed.rawValue] = .number(Double(seed))
        all[SharedKey.maxOutputBytes.rawValue] = .number(Double(maxOutputBytes))
        if let allowPrograms { all[SharedKey.allowPrograms.rawValue] = .array(allowPrograms.map { .string($0) }) }
        try JSONValue.object(all).encode(to: encoder)
    }
}

extension Strategy {
    /// This strategy's options in a run's `options`.
    func options(in environment: RunEnvironment) -> Options { environment.configuration.options[Options.self] }

    /// The default options as flat members.
    var defaultOptionMembers: [String: JSONValue] { Options().members }

    /// What is wrong with this strategy's options in `options`, or nil.
    func problem(in options: StrategyOptions) -> String? { options[Options.self].problem }

    /// Throws when `members` hold this strategy's options with a wrong type.
    func checkOptions(in members: [String: JSONValue]) throws { _ = try Options(members: members) }
}
