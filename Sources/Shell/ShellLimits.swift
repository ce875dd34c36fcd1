/// Budgets that bound what one program may produce or consume.
public struct ShellLimits: Sendable, Equatable {
    /// The most bytes of output a program returns to its caller; the rest is cut with a notice.
    public var maxOutputBytes: Int
    /// The most bytes any intermediate stream (a pipe, `$( … )`) may hold before it is cut.
    public var maxStreamBytes: Int
    /// The most bytes a program may write into the scratch area in total.
    public var maxScratchBytes: Int
    /// The most iterations of one `for` loop.
    public var maxLoopIterations: Int
    /// Corpora with at least this many files get a packed image (`<git-dir>/fsctx/images/`)
    /// that recursive grep scans in one pass; `Int.max` turns the image off.
    public var imageMinimumFiles: Int
    /// The real programs the language may run under bubblewrap, and their limits.
    public var programs = ProgramPolicy()
    /// Images of at least this many bytes get a trigram index (`<git-dir>/fsctx/images/<commit>.tri`)
    /// on the first recursive grep that can use one; a smaller corpus uses an index only when one
    /// was built (`fsctx index`). `Int.max` turns the index off: neither built nor used.
    public var indexMinimumBytes: Int

    /// Creates limits; the defaults suit a model's context (about 20 KB of output per program).
    public init(
        maxOutputBytes: Int = 20_000,
        maxStreamBytes: Int = 256 << 20,
        maxScratchBytes: Int = 64 << 20,
        maxLoopIterations: Int = 10_000,
        imageMinimumFiles: Int = 2_000,
        indexMinimumBytes: Int = 64 << 20
    ) {
        self.indexMinimumBytes = indexMinimumBytes
        self.imageMinimumFiles = imageMinimumFiles
        self.maxOutputBytes = maxOutputBytes
        self.maxStreamBytes = maxStreamBytes
        self.maxScratchBytes = maxScratchBytes
        self.maxLoopIterations = maxLoopIterations
    }
}
