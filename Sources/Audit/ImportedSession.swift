import FSContext
import SharedValues
import Foundation

/// One agent session read from another tool's log, in a neutral shape: the tree of agents
/// and what each did, in order. `RunImporter` writes it as a run; nothing here knows git.
public struct ImportedSession: Sendable {
    /// The format it was read from.
    public var format: LogFormat
    /// The files it was read from.
    public var sources: [String]
    /// The tool's own session id, when the log has one.
    public var sessionID: String?
    /// The model the log names (the first one seen), when it names one.
    public var model: String?
    /// The task: the first real user prompt.
    public var question: String
    /// The final answer: the last assistant text, or the submission.
    public var answer: String?
    /// How the session ended.
    public var ending: Ending
    /// Tokens and cost across the whole tree, when the log says.
    public var usage: ImportedUsage
    /// The first and last timestamps (seconds since 1970), when the log has any.
    public var startedAt: Double?
    /// The last timestamp seen.
    public var endedAt: Double?
    /// The top-level agent.
    public var root: ImportedAgent
    /// Lines (or records) the reader did not understand.
    public var unread: UnreadLines
    /// Facts of the log that fit no step (cwd, versions, submission, exit status…).
    public var metadata: [String: JSONValue]

    /// How a session ended.
    public enum Ending: String, Sendable, Codable {
        /// The agent answered or submitted.
        case answered
        /// A user or the tool interrupted it.
        case interrupted
        /// An error ended it.
        case error
        /// The log just stops.
        case noAnswer = "no_answer"
    }

    /// Creates an empty session of `format`.
    public init(format: LogFormat, sources: [String]) {
        self.format = format
        self.sources = sources
        self.question = ""
        self.ending = .noAnswer
        self.usage = ImportedUsage()
        self.root = ImportedAgent(name: "root")
        self.unread = UnreadLines()
        self.metadata = [:]
    }

    /// Notes a timestamp.
    mutating func see(time: Double?) {
        guard let time else { return }
        startedAt = min(startedAt ?? time, time)
        endedAt = max(endedAt ?? time, time)
    }
}

/// Tokens and dollars, as far as a log tells them.
public struct ImportedUsage: Sendable, Codable, Equatable {
    /// Input tokens (cache reads and writes included).
    public var promptTokens = 0
    /// Output tokens.
    public var completionTokens = 0
    /// Tokens read from a prompt cache (part of `promptTokens`).
    public var cachedTokens = 0
    /// Dollars, when the log says.
    public var costUSD: Double?
    /// Model calls.
    public var calls = 0

    /// Creates a usage.
    public init(promptTokens: Int = 0, completionTokens: Int = 0, cachedTokens: Int = 0, costUSD: Double? = nil, calls: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedTokens = cachedTokens
        self.costUSD = costUSD
        self.calls = calls
    }

    /// Adds another usage.
    public static func += (lhs: inout ImportedUsage, rhs: ImportedUsage) {
        lhs.promptTokens += rhs.promptTokens
        lhs.completionTokens += rhs.completionTokens
        lhs.cachedTokens += rhs.cachedTokens
        lhs.calls += rhs.calls
        if let cost = rhs.costUSD { lhs.costUSD = (lhs.costUSD ?? 0) + cost }
    }
}

/// Lines a reader did not understand: how many, and the first one's number, so nothing is
/// dropped silently.
public struct UnreadLines: Sendable, Codable, Equatable {
    /// How many.
    public var count = 0
    /// The first one's 1-based line number (or record index for whole-file formats), whatever
    /// order they were noted in.
    public var firstLine: Int?
    /// What the first one was (clipped).
    public var firstText: String?

    /// Creates an empty tally.
    public init() {}

    /// Counts line `number`.
    mutating func note(line number: Int, text: String) {
        count += 1
        if firstLine.map({ number < $0 }) ?? true {
            firstLine = number
            firstText = String(text.prefix(120))
        }
    }
}

/// One agent of a session: its name (a path component) and what it did, in order.
public struct ImportedAgent: Sendable {
    /// The name (`root`, `task-1`, `rlm-2`…).
    public var name: String
    /// Its events in order.
    public var events: [ImportedEvent] = []

    /// Creates an agent.
    public init(name: String, events: [ImportedEvent] = []) {
        self.name = name
        self.events = events
    }
}

/// One thing an agent did.
public enum ImportedEvent: Sendable {
    /// A model turn: what the model said and which tools it called.
    case turn(ImportedTurn)
    /// A tool call and its result.
    case tool(ImportedToolCall)
    /// A sub-agent, recorded on a branch from here and merged back.
    case subAgent(ImportedAgent, callID: String?)
    /// Something that is neither (a compaction, an old summary, an interrupt, an image…).
    case note(ImportedNote)
}

/// A model turn from a log. One API response split over several log lines is one turn.
public struct ImportedTurn: Sendable {
    /// The text the model wrote (thinking excluded).
    public var text: String
    /// The model's thinking or reasoning, when the log keeps it readable.
    public var thinking: String?
    /// The tool calls it made (parallel calls: several).
    public var toolCalls: [ImportedCall]
    /// The model name.
    public var model: String?
    /// Tokens of this turn, counted once.
    public var usage: ImportedUsage?
    /// When the turn was logged (seconds since 1970).
    public var time: Double?
    /// The message id in the log (Claude's `message.id`).
    public var messageID: String?
    /// The log line the turn starts on.
    public var line: Int
    /// The stop or finish reason, when the log says.
    public var stopReason: String?

    /// Creates a turn.
    public init(text: String, thinking: String? = nil, toolCalls: [ImportedCall] = [], model: String? = nil,
                usage: ImportedUsage? = nil, time: Double? = nil, messageID: String? = nil, line: Int, stopReason: String? = nil) {
        self.text = text
        self.thinking = thinking
        self.toolCalls = toolCalls
        self.model = model
        self.usage = usage
        self.time = time
        self.messageID = messageID
        self.line = line
        self.stopReason = stopReason
    }
}

/// A tool call as the model asked for it.
public struct ImportedCall: Sendable, Equatable {
    /// The call id that links it to its result.
    public var id: String
    /// The tool name.
    public var name: String
    /// The arguments.
    public var input: JSONValue

    /// Creates a call.
    public init(id: String, name: String, input: JSONValue) {
        self.id = id
        self.name = name
        self.input = input
    }
}

/// A tool call with its result, as one step.
public struct ImportedToolCall: Sendable {
    /// The call.
    public var call: ImportedCall
    /// The result text; nil when the result never came.
    public var output: String?
    /// Whether the tool reported an error.
    public var isError: Bool
    /// The exit status, when the tool was a shell command that reported one.
    public var exitStatus: Int?
    /// When it started (seconds since 1970).
    public var startedAt: Double?
    /// How long it took, in seconds.
    public var durationSeconds: Double?
    /// The log line of the call, and of its result.
    public var line: Int
    /// The log line of the result.
    public var resultLine: Int?
    /// Whether this call ran outside fsctx's own tools (set by callers such as `fsctx launch`).
    public var outside: Bool
    /// Images the result carried (media types), which are not kept.
    public var images: [String]

    /// Creates a tool step.
    public init(call: ImportedCall, output: String?, isError: Bool = false, exitStatus: Int? = nil, startedAt: Double? = nil,
                durationSeconds: Double? = nil, line: Int, resultLine: Int? = nil, outside: Bool = false, images: [String] = []) {
        self.call = call
        self.output = output
        self.isError = isError
        self.exitStatus = exitStatus
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.line = line
        self.resultLine = resultLine
        self.outside = outside
        self.images = images
    }
}

/// An event that is not a model turn or a tool call.
public struct ImportedNote: Sendable {
    /// `compaction`, `summary`, `interrupt`, `missing_result`, `resume`, `aborted`, `error`, `user`…
    public var kind: String
    /// What it said.
    public var text: String
    /// The log line.
    public var line: Int
    /// When (seconds since 1970).
    public var time: Double?
    /// Extra fields (compaction trigger and token count…).
    public var fields: [String: JSONValue]

    /// Creates a note.
    public init(kind: String, text: String, line: Int, time: Double? = nil, fields: [String: JSONValue] = [:]) {
        self.kind = kind
        self.text = text
        self.line = line
        self.time = time
        self.fields = fields
    }
}
