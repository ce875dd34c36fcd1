import FSContext

/// What one program gave back: its output as the caller sees it, its status, and what it set.
public struct ShellResult: Sendable, Equatable {
    /// Standard output and standard error, interleaved per command, cut at the output budget
    /// (the cut notice is part of this text).
    public var output: String
    /// The exit status as bash would give it (0 success, 1 no match/false, 2 usage, 127 unknown command).
    public var exitStatus: Int32
    /// How many bytes of output were left out by the output budget (0 when nothing was cut).
    public var truncatedBytes: Int
    /// The final answer, when the program ran `answer …`.
    public var answer: String?
    /// The confidence given with the answer (`answer --confidence 80 …`), in (0, 100].
    public var answerConfidence: Double?
    /// Wall time of the program in seconds.
    public var durationSeconds: Double
    /// The commit that recorded this program, when the session has a recorder.
    public var recordedCommit: GitOID?
    /// The run step number of that commit (`steps/NNNN.json`).
    public var recordedStep: Int?

    /// Creates a result.
    public init(
        output: String, exitStatus: Int32, truncatedBytes: Int = 0, answer: String? = nil,
        answerConfidence: Double? = nil, durationSeconds: Double = 0, recordedCommit: GitOID? = nil
    ) {
        self.output = output
        self.exitStatus = exitStatus
        self.truncatedBytes = truncatedBytes
        self.answer = answer
        self.answerConfidence = answerConfidence
        self.durationSeconds = durationSeconds
        self.recordedCommit = recordedCommit
    }
}
