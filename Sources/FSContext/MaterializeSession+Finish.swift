import Foundation

extension MaterializeSession {
    /// Names the files, writes the index pages, manifest, options and trees, commits on
    /// `corpus` (compare-and-swap from the previous corpus commit), then checks out. Every pass
    /// streams over the records (`RecordStore`) in corpus order or in git's order of paths, so
    /// memory holds the paths and small per-file rows, never the pages or trees of every file.
    func finish(started: Date) throws -> MaterializeResult {
        // The blobs' pack is checksummed on another thread while the index pages, manifest and
        // trees are built; they go into a second, small pack.
        packWriter.closeInBackground()
        try records.flush()
        let count = records.count
        let paths = try CorpusPaths(records: records, plans: plans) { warnings.append($0) }
        let rootPage = paths.rootPage

        let deflater = Deflater(level: options.compressionLevel, strategy: options.deflateStrategy)
        let generated = GeneratedFiles(packWriter: packWriter, deflater: deflater, staging: stagingDirectory)
        let manifestURL = workDirectory.appendingPathComponent("manifest.jsonl")
        try writeManifest(to: manifestURL, paths: paths)
        try generated.addStaged(path: ".fsctx/manifest.jsonl", id: packWriter.appendFile(at: manifestURL), file: manifestURL)

        var tree = StreamingTree { content in
            let object = PackedObject(kind: .tree, bytes: content, deflater: deflater)
            try self.packWriter.append(object)
            return object.id
        }
        var pages = CorpusIndexWriter(
            plans: plans, options: options, counters: counters, rootPage: rootPage, fileCount: count,
            totalBytes: records.totalBytes, totalLines: records.totalLines, pageRows: options.indexPageRows
        ) { path, content in try generated.add(path: path, bytes: Array(content.utf8)) }
        for position in 0..<count {
            let index = paths.record(at: position)
            let row = records.row(index)
            let details = try records.details(index)
            var path = paths.path(index, hint: details.hint)
            try path.withUTF8 { try tree.add(path: $0, blob: row.blob.bytes, executable: row.executable) }
            try pages.add(record: index, path: path, title: details.title, size: row.size, lines: Int(row.lines))
        }
        records.releaseWindow()
        try pages.finish()
        try generated.add(path: ".fsctx/corpus.json", bytes: Array((corpusSettings(indexPath: rootPage).jsonText + "\n").utf8))

        let rootEntries = try tree.finish() + generated.tree.writeBelowRoot { content in
            let object = PackedObject(kind: .tree, bytes: content, deflater: deflater)
            try packWriter.append(object)
            return object.id
        }
        let rootObject = PackedObject(kind: .tree, bytes: StreamingTree.encode(rootEntries), deflater: deflater)
        try packWriter.append(rootObject)
        try packWriter.finish()

        let repository = target.repository
        let treeID = GitOID(bytes: rootObject.id)
        let totalBytes = records.totalBytes
        let inputs = plans.map { $0.isStdin ? "stdin" : $0.path }.joined(separator: ", ")
        let message = "materialize: \(count) files, \(totalBytes) bytes from \(inputs)\n\n"
            + "layout: \(Set(plans.map(\.layout.rawValue)).sorted().joined(separator: ", ")); fsctx \(FSContextVersion.current)\n"
        let commit = try repository.writeCommit(tree: treeID, parents: target.previous.map { [$0] } ?? [], message: message)
        try repository.updateReference(Materializer.branch, to: commit, expected: .some(target.previous), logMessage: "fsctx materialize")
        committed = true

        if options.checkout { try checkout(paths: paths, generated: generated.files) }
        records.close()
        try? FileManager.default.removeItem(at: workDirectory)
        return MaterializeResult(
            commit: commit, tree: treeID, files: count, bytes: totalBytes,
            seconds: Date().timeIntervalSince(started), skippedBinary: counters.binary, skippedGit: counters.git,
            skippedOther: counters.other, skippedBadLines: counters.badLines, replacedInvalidUTF8: counters.replaced,
            filesWithInvalidUTF8: counters.invalidUTF8Files, indexPage: rootPage, warnings: warnings)
    }

    /// Replaces the work tree with the new corpus: staged files moved into place (generated
    /// ones too), the index written from stat data in git's order, folders made read-only.
    private func checkout(paths: CorpusPaths, generated: [GeneratedFiles.File]) throws {
        guard let stagingDirectory else { return }
        let root = target.url
        try WorkTreeWriter.clear(root)
        var folders: Set<String> = []
        for index in 0..<records.count {
            let row = records.row(index)
            let path = try paths.path(index, hint: records.details(index).hint)
            guard row.staged >= 0 else { throw FSContextError(.io, "internal: \(path) was not staged") }
            try WorkTreeWriter.place(staged: stagingDirectory.appendingPathComponent(String(row.staged)), at: path,
                                     root: root, knownFolders: &folders)
        }
        for file in generated {
            try WorkTreeWriter.place(staged: file.staged!, at: file.path, root: root, knownFolders: &folders)
        }
        let sortedGenerated = generated.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        var index = try GitIndexFile(gitDirectory: target.repository.gitDirectory, workTree: root, entries: records.count + generated.count)
        do {
            var next = 0
            for position in 0..<records.count {
                let record = paths.record(at: position)
                var path = try paths.path(record, hint: records.details(record).hint)
                try path.withUTF8 { path in
                    while next < sortedGenerated.count, Array(sortedGenerated[next].path.utf8).lexicographicallyPrecedes(path) {
                        try index.add(path: sortedGenerated[next].path, blob: sortedGenerated[next].id)
                        next += 1
                    }
                    try index.add(path: path, blob: records.row(record).blob.bytes)
                }
            }
            for file in sortedGenerated[next...] { try index.add(path: file.path, blob: file.id) }
            try index.finish()
        } catch {
            index.abandon()
            throw error
        }
        records.releaseWindow()
        WorkTreeWriter.sealFolders(folders, root: root)
    }

    /// `.fsctx/manifest.jsonl`: one JSON object per corpus file, in corpus order, written to
    /// `url` as it is built.
    private func writeManifest(to url: URL, paths: CorpusPaths) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw FSContextError(.io, "cannot create \(url.path)")
        }
        defer { try? handle.close() }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        for index in 0..<records.count {
            let record = try records.details(index)
            let kind = switch plans[Int(records.row(index).input)].layout { case .documents, .auto: "document"; case .chunks: "chunk"; case .mirror: "file" }
            var line = "{\"path\":" + JSONText.quoted(paths.path(index, hint: record.hint)) + ",\"kind\":\"\(kind)\",\"source\":" + JSONText.quoted(record.source)
            line += ",\"bytes\":[\(record.byteStart),\(record.byteEnd)],\"lines\":[\(record.firstLine),\(record.lastLine)]"
            if let id = record.documentID { line += ",\"id\":" + JSONText.quoted(id) }
            line += "}\n"
            out.append(contentsOf: line.utf8)
            if out.count >= 1 << 20 {
                try handle.write(contentsOf: out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: out)
    }

    /// `.fsctx/corpus.json`: the options and counts, deterministic (no times, no host names),
    /// and `index`, the corpus page's path.
    private func corpusSettings(indexPath: String) -> JSONValue {
        let inputs: [JSONValue] = plans.map { plan in
            ["path": .string(plan.isStdin ? "-" : plan.path), "layout": .string(plan.layout.rawValue),
             "base": .string(CorpusLayout.base(for: plan, inputCount: plans.count))]
        }
        return [
            "fsctx": .string(FSContextVersion.current), "inputs": .array(inputs), "layout": .string(options.layout.rawValue),
            "chunkBytes": .number(Double(options.chunkBytes)), "textField": .string(options.textField),
            "titleField": .string(options.titleField), "idField": .string(options.idField),
            "metaFields": .array(options.metaFields.map { .string($0) }),
            "onBadLine": .string(options.onBadLine.rawValue), "invalidUTF8": .string(options.invalidUTF8.rawValue),
            "files": .number(Double(records.count)), "bytes": .number(Double(records.totalBytes)),
            "skipped": ["binary": .number(Double(counters.binary)), "git": .number(Double(counters.git)),
                        "other": .number(Double(counters.other)), "badLines": .number(Double(counters.badLines))],
            "replacedInvalidUTF8": .number(Double(counters.replaced)),
            "filesWithInvalidUTF8": .number(Double(counters.invalidUTF8Files)),
            "index": .string(indexPath),
        ]
    }
}

/// The generated files (index pages, manifest, options): packed as they come, gathered in a
/// small tree of their own, and staged for the checkout.
private final class GeneratedFiles {
    struct File { let path: String; let id: [UInt8]; let staged: URL? }

    let packWriter: PackFileWriter
    let deflater: Deflater
    let staging: URL?
    var tree = CanonicalTree()
    var files: [File] = []

    init(packWriter: PackFileWriter, deflater: Deflater, staging: URL?) {
        (self.packWriter, self.deflater, self.staging) = (packWriter, deflater, staging)
    }

    func add(path: String, bytes: [UInt8]) throws {
        let object = PackedObject(kind: .blob, bytes: bytes, deflater: deflater)
        try packWriter.append(object)
        var staged: URL?
        if let staging {
            staged = staging.appendingPathComponent("generated-\(files.count)")
            try WorkTreeWriter.writeReadOnly(bytes, to: staged!.path)
        }
        record(path: path, id: object.id, staged: staged)
    }

    /// A generated file already written to `file` (and packed).
    func addStaged(path: String, id: [UInt8], file: URL) throws {
        if staging != nil { chmod(file.path, 0o444) }
        record(path: path, id: id, staged: staging == nil ? nil : file)
    }

    private func record(path: String, id: [UInt8], staged: URL?) {
        tree.add(path: path, blob: id)
        files.append(File(path: path, id: id, staged: staged))
    }
}
