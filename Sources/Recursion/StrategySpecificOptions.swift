import FSContext
import Foundation

/// The options one strategy owns (SRLM's candidates, RAG's top-k): a Codable value with
/// defaults. `StrategyOptions` keeps every strategy's options side by side and records them flat
/// in `run.json`'s `options`, so two strategies may share a key only if they mean the same thing.
public protocol StrategySpecificOptions: Sendable, Codable, Equatable {
    /// The defaults (DESIGN §7).
    init()
    /// What is wrong with these values, as one sentence about the values; nil when they can run.
    var problem: String? { get }
}

extension StrategySpecificOptions {
    public var problem: String? { nil }

    /// The options as flat JSON members.
    var members: [String: JSONValue] {
        let encoder = JSONEncoder()
        guard let data = try? encoder.encode(self), let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return [:] }
        return value.objectValue ?? [:]
    }

    /// The options read back from flat JSON members (members of other strategies are ignored).
    init(members: [String: JSONValue]) throws {
        let data = try JSONEncoder().encode(JSONValue.object(members))
        self = try JSONDecoder().decode(Self.self, from: data)
    }
}

/// The options of a strategy that has none of its own.
public struct NoStrategyOptions: StrategySpecificOptions {
    /// No options.
    public init() {}
}
