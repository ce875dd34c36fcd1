import FSContext

/// One executed program as the recorder writes it into `steps/NNNN.json`.
public struct ShellStepRecord: Sendable, Equatable {
    /// The program text.
    public var program: String
    /// The output as the caller saw it (after the output budget).
    public var output: String
    /// The exit status.
    public var exitStatus: Int32
    /// Bytes left out by the output budget.
    public var truncatedBytes: Int
    /// Wall time in seconds.
    public var durationSeconds: Double
    /// Start time, seconds since 1970.
    public var startedAt: Double
    /// The names of the commands the program ran, in order (for the `Fsctx-Tool` trailer).
    public var tools: [String]
    /// The final answer, when the program ran `answer`.
    public var answer: String?
    /// Scratch files the program wrote, by path relative to the scratch area.
    public var scratchFiles: [String: [UInt8]]
    /// Extra fields the caller adds to the step JSON (what the model said, tokens, …).
    public var extra: [String: JSONValue]

    /// Creates a step record.
    public init(
        program: String, output: String, exitStatus: Int32, truncatedBytes: Int = 0,
        durationSeconds: Double, startedAt: Double, tools: [String], answer: String? = nil,
        scratchFiles: [String: [UInt8]] = [:], extra: [String: JSONValue] = [:]
    ) {
        self.program = program
        self.output = output
        self.exitStatus = exitStatus
        self.truncatedBytes = truncatedBytes
        self.durationSeconds = durationSeconds
        self.startedAt = startedAt
        self.tools = tools
        self.answer = answer
        self.scratchFiles = scratchFiles
        self.extra = extra
    }
}
