import ArgumentParser
import FSContext
import Foundation

/// `fsctx materialize`: inputs → a corpus repository. Wiring only.
struct MaterializeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "materialize",
        abstract: "Turn text files, JSONL documents, a directory or stdin into a corpus repository.",
        discussion: """
            Writes a git repository at --into whose branch `corpus` holds the files, INDEX.md and \
            .fsctx/ (manifest.jsonl: each file's source, byte range and line range; corpus.json: the \
            options), and checks it out read-only. Re-running into the same corpus adds a commit on \
            `corpus`. Prints the commit id (or JSON with --json).

            In chunks and documents, invalid UTF-8 is replaced by U+FFFD and counted (or rejected with \
            --invalid-utf8 reject). A mirror keeps every byte: its tree is the one `git add` gives for the \
            same files (minus binary files, symlinks and `.git`); tools show invalid UTF-8 as U+FFFD. \
            Binary files (a NUL byte in the first 8,000 bytes) in a directory are skipped and counted; \
            a binary file given directly is an error. `.git` folders are skipped. When the source has \
            its own root INDEX.md, the corpus page is .fsctx/INDEX.md.
            """)

    @Argument(help: ArgumentHelp("Input files, directories, or - for stdin.", valueName: "input"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Directory for the corpus repository: new, empty, or an existing corpus.", valueName: "dir"))
    var into: String

    @Option(name: .long, help: ArgumentHelp(
        "auto (JSONL → documents, directory → mirror, else chunks), documents, chunks or mirror.", valueName: "layout"))
    var layout: String = "auto"

    @Option(name: .long, help: ArgumentHelp("Target chunk size in bytes for the chunks layout.", valueName: "n"))
    var chunkBytes: Int = 4096

    @Option(name: .long, help: ArgumentHelp("JSONL field holding a document's text.", valueName: "name"))
    var textField: String = "text"

    @Option(name: .long, help: ArgumentHelp("JSONL field holding a document's title.", valueName: "name"))
    var titleField: String = "title"

    @Option(name: .long, help: ArgumentHelp("JSONL field holding a document's id.", valueName: "name"))
    var idField: String = "id"

    @Option(name: .long, help: ArgumentHelp("JSONL fields to write as `name: value` lines at the top of each document, comma-separated (e.g. user,date).", valueName: "names"))
    var metaFields: String = ""

    @Option(name: .long, help: ArgumentHelp("Malformed JSONL lines: fail (stop, naming file:line) or skip (and count).", valueName: "policy"))
    var onBadLine: String = "fail"

    @Option(name: .customLong("invalid-utf8"), help: ArgumentHelp(
        "Invalid UTF-8 in chunks and documents: replace (with U+FFFD, counted) or reject (stop, naming file:line). Mirrors keep their bytes.", valueName: "policy"))
    var invalidUTF8: String = "replace"

    @Option(name: .long, help: ArgumentHelp(
        "Pack entry compressor: fast-huffman (the default), libdeflate, zlib-huffman, zlib-rle or zlib.", valueName: "name"))
    var deflate: String?

    @Flag(name: .long, help: "Write objects and refs only; no work tree checkout.")
    var noCheckout = false

    @Flag(name: .long, help: "Also build the trigram index for grep (as `fsctx index` does); needs the checkout.")
    var index = false

    @Flag(name: .long, help: "Print {commit, tree, files, bytes, seconds, ...} as JSON instead of the commit id.")
    var json = false

    func validate() throws {
        guard MaterializeOptions.Layout(rawValue: layout) != nil else {
            throw ValidationError("--layout must be one of auto, documents, chunks, mirror (got \(layout))")
        }
        guard MaterializeOptions.BadLinePolicy(rawValue: onBadLine) != nil else {
            throw ValidationError("--on-bad-line must be fail or skip (got \(onBadLine))")
        }
        guard MaterializeOptions.InvalidUTF8Policy(rawValue: invalidUTF8) != nil else {
            throw ValidationError("--invalid-utf8 must be replace or reject (got \(invalidUTF8))")
        }
        if let deflate, MaterializeOptions.DeflateStrategy(rawValue: deflate) == nil {
            let names = MaterializeOptions.DeflateStrategy.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--deflate must be one of \(names) (got \(deflate))")
        }
        if index && noCheckout { throw ValidationError("--index needs the checked-out work tree; leave out --no-checkout") }
        guard chunkBytes >= 256 else { throw ValidationError("--chunk-bytes must be at least 256 (got \(chunkBytes))") }
    }

    func run() throws {
        var options = MaterializeOptions(inputs: inputs)
        options.layout = MaterializeOptions.Layout(rawValue: layout)!
        options.chunkBytes = chunkBytes
        options.textField = textField
        options.titleField = titleField
        options.idField = idField
        options.metaFields = metaFields.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        options.onBadLine = MaterializeOptions.BadLinePolicy(rawValue: onBadLine)!
        options.invalidUTF8 = MaterializeOptions.InvalidUTF8Policy(rawValue: invalidUTF8)!
        options.checkout = !noCheckout
        if let deflate { options.deflateStrategy = MaterializeOptions.DeflateStrategy(rawValue: deflate)! }
        let bar = ProgressBar()
        if bar.enabled { options.progress = { bar.update($0) } }
        let result: MaterializeResult
        do {
            result = try Materializer(options).run(into: URL(fileURLWithPath: into))
        } catch let error as FSContextError {
            bar.clear()
            FileHandle.standardError.write(Data("fsctx materialize: \(error.message)\n".utf8))
            throw ExitCode(error.code == .badTarget ? 3 : 2)
        }
        bar.clear()
        if index {
            let report = try IndexCommand.build(into).report
            FileHandle.standardError.write(Data("\(report.line)\n".utf8))
        }
        for warning in result.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(result.commit.hex)
        }
    }
}

/// A one-line progress bar on stderr, shown only when stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
    let enabled = isatty(2) == 1
    private let lock = NSLock()
    private var shown = false
    private let started = Date()

    func update(_ progress: MaterializeOptions.Progress) {
        lock.lock(); defer { lock.unlock() }
        guard enabled, Date().timeIntervalSince(started) > 0.5 || (progress.totalBytes ?? 0) > 64 << 20 else { return }
        let megabytes = Double(progress.bytesRead) / 1_048_576
        var line = String(format: "\rmaterialize: %.0f MB", megabytes)
        if let total = progress.totalBytes, total > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(total))
            let filled = Int(fraction * 30)
            line += String(format: " of %.0f MB [", Double(total) / 1_048_576)
                + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
                + String(format: "] %3.0f%%", fraction * 100)
        }
        FileHandle.standardError.write(Data(line.utf8))
        shown = true
    }

    func clear() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
