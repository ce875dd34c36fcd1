import Foundation

extension MaterializeSession {
    /// Names the files, writes the index pages, manifest, options and trees, commits on
    /// `corpus` (compare-and-swap from the previous corpus commit), then checks out.
    func finish(started: Date) throws -> MaterializeResult {
        // The blobs' pack is checksummed on another thread while the index pages, manifest and
        // trees are built; they go into a second, small pack.
        packWriter.closeInBackground()
        CorpusLayout.assignPaths(&records, plans: plans)
        // The corpus's own pages live under `.fsctx/`, apart from the root page; a source's
        // root `INDEX.md` keeps its name and the corpus page moves to `.fsctx/INDEX.md`.
        let rootPage = records.contains { $0.path == CorpusIndexPage.rootPath } ? CorpusIndexPage.displacedPath : CorpusIndexPage.rootPath
        let indexWriter = CorpusIndexWriter(plans: plans, options: options, records: records, counters: counters, rootPage: rootPage)
        for i in records.indices where records[i].path.hasPrefix(".fsctx/") {
            records[i].path = "_fsctx/" + records[i].path.dropFirst(7)
            warnings.append("renamed \(records[i].source) to \(records[i].path) (the name is reserved)")
        }

        var seen = Set<String>(minimumCapacity: records.count)
        for record in records where !seen.insert(record.path).inserted {
            throw FSContextError(.badInput, "two inputs map to the same corpus path \(record.path); materialize them separately")
        }
        // The manifest is built on another thread while the index pages are.
        let manifestDone = DispatchGroup()
        let manifestBox = ManifestBox()
        let (frozenRecords, frozenPlans) = (records, plans)
        WorkerThreads.start(in: manifestDone) {
            manifestBox.bytes = MaterializeSession.manifest(records: frozenRecords, plans: frozenPlans)
        }
        var generated: [(path: String, bytes: [UInt8])] = indexWriter.pages().map { ($0.path, Array($0.content.utf8)) }
        manifestDone.wait()
        generated.append((".fsctx/manifest.jsonl", manifestBox.bytes))
        generated.append((".fsctx/corpus.json", Array((corpusSettings(indexPath: rootPage).jsonText + "\n").utf8)))

        let deflater = Deflater(level: options.compressionLevel, strategy: options.deflateStrategy)
        var tree = CanonicalTree()
        for record in records { tree.add(path: record.path, blob: record.blob, executable: record.executable) }
        for (path, bytes) in generated {
            let object = PackedObject(kind: .blob, bytes: bytes, deflater: deflater)
            try packWriter.append(object)
            tree.add(path: path, blob: object.id)
        }
        let rootTree = try tree.write { content in
            let object = PackedObject(kind: .tree, bytes: content, deflater: deflater)
            try packWriter.append(object)
            return object.id
        }
        try packWriter.finish()

        let repository = target.repository
        let treeID = GitOID(bytes: rootTree)
        let totalBytes = records.reduce(0) { $0 + $1.size }
        let inputs = plans.map { $0.isStdin ? "stdin" : $0.path }.joined(separator: ", ")
        let message = "materialize: \(records.count) files, \(totalBytes) bytes from \(inputs)\n\n"
            + "layout: \(Set(plans.map(\.layout.rawValue)).sorted().joined(separator: ", ")); fsctx \(FSContextVersion.current)\n"
        let commit = try repository.writeCommit(tree: treeID, parents: target.previous.map { [$0] } ?? [], message: message)
        try repository.updateReference(Materializer.branch, to: commit, expected: .some(target.previous), logMessage: "fsctx materialize")
        committed = true

        if options.checkout { try checkout(generated: generated) }
        return MaterializeResult(
            commit: commit, tree: treeID, files: records.count, bytes: totalBytes,
            seconds: Date().timeIntervalSince(started), skippedBinary: counters.binary, skippedGit: counters.git,
            skippedOther: counters.other, skippedBadLines: counters.badLines, replacedInvalidUTF8: counters.replaced,
            filesWithInvalidUTF8: counters.invalidUTF8Files, indexPage: rootPage, warnings: warnings)
    }

    /// Replaces the work tree with the new corpus: staged files moved into place, generated
    /// files written, the index rewritten from stat data, folders made read-only.
    private func checkout(generated: [(path: String, bytes: [UInt8])]) throws {
        guard let stagingDirectory else { return }
        let root = target.url
        try WorkTreeWriter.clear(root)
        var folders: Set<String> = []
        var entries: [(path: String, blob: GitOID)] = []
        entries.reserveCapacity(records.count + generated.count)
        for record in records {
            guard let stage = record.staged else { continue }
            try WorkTreeWriter.place(staged: stagingDirectory.appendingPathComponent(String(stage)), at: record.path, root: root, knownFolders: &folders)
            entries.append((record.path, GitOID(bytes: record.blob)))
        }
        for (path, bytes) in generated {
            try WorkTreeWriter.write(bytes, at: path, root: root, knownFolders: &folders)
            entries.append((path, GitOID(bytes: PackedObject.objectID(kind: .blob, bytes: bytes))))
        }
        try? FileManager.default.removeItem(at: stagingDirectory)
        try target.repository.writeIndex(entries: entries)
        WorkTreeWriter.sealFolders(folders, root: root)
    }

    /// `.fsctx/manifest.jsonl`: one JSON object per corpus file, in corpus order.
    private static func manifest(records: [CorpusFileRecord], plans: [InputPlan]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(records.count * 120)
        for record in records {
            let kind = switch plans[record.input].layout { case .documents, .auto: "document"; case .chunks: "chunk"; case .mirror: "file" }
            var line = "{\"path\":" + JSONText.quoted(record.path) + ",\"kind\":\"\(kind)\",\"source\":" + JSONText.quoted(record.source)
            line += ",\"bytes\":[\(record.byteStart),\(record.byteEnd)],\"lines\":[\(record.firstLine),\(record.lastLine)]"
            if let id = record.documentID { line += ",\"id\":" + JSONText.quoted(id) }
            line += "}\n"
            out.append(contentsOf: line.utf8)
        }
        return out
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
            "files": .number(Double(records.count)), "bytes": .number(Double(records.reduce(0) { $0 + $1.size })),
            "skipped": ["binary": .number(Double(counters.binary)), "git": .number(Double(counters.git)),
                        "other": .number(Double(counters.other)), "badLines": .number(Double(counters.badLines))],
            "replacedInvalidUTF8": .number(Double(counters.replaced)),
            "filesWithInvalidUTF8": .number(Double(counters.invalidUTF8Files)),
            "index": .string(indexPath),
        ]
    }
}

/// The manifest bytes, handed from the thread that builds them (read after its group is left).
private final class ManifestBox: @unchecked Sendable {
    var bytes: [UInt8] = []
}
