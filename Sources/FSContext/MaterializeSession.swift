import Foundation

/// The state of one materialize run: inputs are read in order, cut into units, processed in
/// parallel batches (hash, deflate, stage the work-tree file), and appended to the pack in
/// order. Single-threaded apart from the batch workers; used once.
final class MaterializeSession {
    let options: MaterializeOptions
    let target: CorpusTarget
    let packWriter: PackFileWriter
    let stagingDirectory: URL?
    /// The run's own folder under `.git` (`fsctx-staging-<pid>`): staged work-tree files, the
    /// records' spill, the manifest being written. Removed at the end or by the next run.
    let workDirectory: URL
    private var store: RecordStore?
    /// The corpus files so far (open once `run` started).
    var records: RecordStore { store! }
    var counters = Counters()
    var warnings: [String] = []
    /// Set once the corpus ref points at the new commit; after that nothing is rolled back.
    var committed = false
    private var nextStage = 0
    private var inFlight: BatchInFlight?
    private var pending: [RawUnit] = []
    private var pendingBytes = 0
    private var currentInput = 0
    var plans: [InputPlan] = []
    private var bytesReadTotal = 0
    private var lastProgress = 0
    private var totalInputBytes: Int?

    /// Batch size: big enough to keep every core busy, small enough to bound memory.
    static let batchBytes = 4 << 20

    struct Counters {
        var binary = 0, git = 0, other = 0, badLines = 0, replaced = 0, empty = 0
        /// Mirrored files that hold invalid UTF-8, kept byte for byte.
        var invalidUTF8Files = 0
    }

    init(options: MaterializeOptions, target: CorpusTarget) {
        self.options = options
        self.target = target
        packWriter = PackFileWriter(gitDirectory: target.repository.gitDirectory)
        workDirectory = target.repository.gitDirectory.appendingPathComponent("fsctx-staging-\(getpid())", isDirectory: true)
        stagingDirectory = options.checkout ? workDirectory : nil
    }

    /// Reads every input, writes the packs, commits and checks out.
    func run(started: Date) throws -> MaterializeResult {
        var stdinReader: ByteReader?
        plans = try InputPlan.plan(options) {
            let reader = ByteReader(descriptor: 0, closeWhenDone: false)
            stdinReader = reader
            return try reader.peek(count: 256)
        }
        let sizes = plans.map(\.size)
        totalInputBytes = sizes.contains(where: { $0 == nil }) ? nil : sizes.reduce(0) { $0 + ($1 ?? 0) }
        try? FileManager.default.removeItem(at: workDirectory)
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        store = try RecordStore(spill: workDirectory.appendingPathComponent("records.spill"))
        for (index, plan) in plans.enumerated() {
            currentInput = index
            let before = records.count
            switch plan.kind {
            case .jsonl: try readJSONL(plan, reader: plan.isStdin ? stdinReader! : try ByteReader.open(path: plan.path))
            case .text: try readText(plan, reader: plan.isStdin ? stdinReader! : try ByteReader.open(path: plan.path))
            case .singleFile: try readSingleFile(plan, reader: plan.isStdin ? stdinReader! : try ByteReader.open(path: plan.path))
            case .directory: try readDirectory(plan)
            }
            try flush()
            try drain()
            if records.count == before {
                let what = plan.isStdin ? "stdin" : plan.path
                throw FSContextError(.badInput, "\(what) holds no text to materialize (empty, or every line/file was skipped)")
            }
        }
        return try finish(started: started)
    }

    /// Removes staged files and written packs after a failure.
    func abort() {
        inFlight?.group.wait()
        guard !committed else { return }
        packWriter.abort()
        store?.close()
        try? FileManager.default.removeItem(at: workDirectory)
    }

    // MARK: - Batching

    func enqueue(_ unit: RawUnit, bytes: Int) throws {
        pending.append(unit)
        pendingBytes += bytes
        if pendingBytes >= MaterializeSession.batchBytes || pending.count >= 8192 { try flush() }
    }

    func noteRead(_ count: Int) {
        bytesReadTotal += count
        guard let progress = options.progress, bytesReadTotal - lastProgress >= 8 << 20 else { return }
        lastProgress = bytesReadTotal
        progress(MaterializeOptions.Progress(bytesRead: bytesReadTotal, totalBytes: totalInputBytes))
    }

    /// Starts processing the pending units on every core in the background, then appends the
    /// previous batch's objects in input order while this one runs (reading overlaps too).
    func flush() throws {
        guard !pending.isEmpty else { return }
        let units = pending
        pending = []
        pendingBytes = 0
        let firstStage = nextStage
        nextStage += units.count
        let processor = UnitProcessor(options: options, plan: plans[currentInput], input: currentInput, stagingDirectory: stagingDirectory)
        let batch = BatchInFlight()
        WorkerThreads.start(in: batch.group) { batch.outcomes = processor.process(units, firstStage: firstStage) }
        try drain()
        inFlight = batch
    }

    /// Waits for the batch in flight, if any, and appends its objects.
    func drain() throws {
        guard let batch = inFlight else { return }
        batch.group.wait()
        inFlight = nil
        for outcome in batch.outcomes {
            switch outcome {
            case .file(let record, let object, let replaced, let keptInvalid):
                try packWriter.append(object)
                counters.replaced += replaced
                if keptInvalid { counters.invalidUTF8Files += 1 }
                try records.append(record)
            case .skippedBinary(let path):
                counters.binary += 1
                if counters.binary <= 3 { warnings.append("skipped binary file \(path)") }
            case .skippedEmpty:
                counters.empty += 1
            case .badLine(let message):
                guard options.onBadLine == .skip else {
                    throw FSContextError(.badInput, "\(message); fix the line or pass --on-bad-line skip")
                }
                counters.badLines += 1
                if counters.badLines <= 5 { warnings.append("skipped \(message)") }
            case .failure(let error):
                throw error
            }
        }
    }
}

/// A batch being processed in the background; `outcomes` is written once, before `group` leaves.
final class BatchInFlight: @unchecked Sendable {
    let group = DispatchGroup()
    var outcomes: [UnitOutcome] = []
}
