import Foundation

/// Which model a command uses, from one string shared by every command (`--model`):
///
/// - `offline` (the default) or `offline:seed=3` — the embedded lexical baseline, no network;
/// - `openai:<model>` — any OpenAI-compatible `/v1/chat/completions` server
///   (OpenAI, vLLM, llama.cpp server, Ollama, OpenRouter…);
/// - `anthropic:<model>` — Anthropic `/v1/messages`;
/// - `replay:<run-id>` — the responses recorded in a run, in order.
public enum ModelSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The embedded lexical baseline; `seed` (default 0) varies its plan.
    case offline(seed: Int)
    /// An OpenAI-compatible chat-completions model.
    case openAI(model: String)
    /// An Anthropic messages model.
    case anthropic(model: String)
    /// The recorded responses of run `runID`.
    case replay(runID: String)

    /// The default spec: `offline`.
    public static let `default` = ModelSpec.offline(seed: 0)

    /// Parses a spec string; throws `ModelError.Code.badSpec` with the accepted forms.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let (kind, rest): (String, String?) = {
            guard let colon = trimmed.firstIndex(of: ":") else { return (trimmed, nil) }
            return (String(trimmed[..<colon]), String(trimmed[trimmed.index(after: colon)...]))
        }()
        let usage = "use offline, offline:seed=N, openai:<model>, anthropic:<model> or replay:<run-id>"
        switch kind.lowercased() {
        case "offline":
            guard let rest, !rest.isEmpty else { self = .offline(seed: 0); return }
            let seedText = rest.hasPrefix("seed=") ? String(rest.dropFirst(5)) : rest
            guard let seed = Int(seedText) else {
                throw ModelError(.badSpec, "bad model spec '\(text)': the offline seed must be an integer (offline:seed=3)")
            }
            self = .offline(seed: seed)
        case "openai", "anthropic", "replay":
            guard let rest, !rest.isEmpty, !rest.contains(where: \.isWhitespace) else {
                throw ModelError(.badSpec, "bad model spec '\(text)': \(kind) needs a name after the colon, e.g. \(kind):\(kind == "replay" ? "<run-id>" : kind == "openai" ? "gpt-4o-mini" : "claude-sonnet-4-5")")
            }
            switch kind.lowercased() {
            case "openai": self = .openAI(model: rest)
            case "anthropic": self = .anthropic(model: rest)
            default: self = .replay(runID: rest)
            }
        default:
            throw ModelError(.badSpec, "unknown model spec '\(text)': \(usage)")
        }
    }

    /// The canonical spec string (parses back to the same value).
    public var description: String {
        switch self {
        case .offline(let seed): seed == 0 ? "offline" : "offline:seed=\(seed)"
        case .openAI(let model): "openai:\(model)"
        case .anthropic(let model): "anthropic:\(model)"
        case .replay(let runID): "replay:\(runID)"
        }
    }
}
