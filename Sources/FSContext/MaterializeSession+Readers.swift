import Foundation

extension MaterializeSession {
    /// JSONL: one unit per non-blank line; a line longer than `maxLineBytes` is an error.
    func readJSONL(_ plan: InputPlan, reader: ByteReader) throws {
        reader.onRead = { [unowned self] in noteRead($0) }
        var lineNumber = 0
        let source = plan.isStdin ? "stdin" : plan.path
        while try reader.nextLine(maxBytes: options.maxLineBytes, { piece, endsLine in
            lineNumber += 1
            guard endsLine else {
                throw FSContextError(.badInput, "\(source):\(lineNumber): line is longer than \(options.maxLineBytes >> 20) MB; split the document")
            }
            let offset = reader.consumed
            guard piece.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return }
            try enqueue(.document(line: Array(piece), lineNumber: lineNumber, offset: offset), bytes: piece.count)
        }) {}
    }

    /// Text: line-preserving chunks of about `chunkBytes`.
    func readText(_ plan: InputPlan, reader: ByteReader) throws {
        reader.onRead = { [unowned self] in noteRead($0) }
        var chunker = TextChunker(target: options.chunkBytes)
        let emit: (TextChunk) throws -> Void = { [unowned self] chunk in try enqueue(.chunk(chunk), bytes: chunk.bytes.count) }
        while try reader.nextLine(maxBytes: max(options.chunkBytes, 64), { piece, endsLine in
            try chunker.add(piece, endsLine: endsLine, emit: emit)
        }) {}
        try chunker.finish(emit: emit)
    }

    /// One file mirrored under its own name (or `stdin.txt`).
    func readSingleFile(_ plan: InputPlan, reader: ByteReader) throws {
        reader.onRead = { [unowned self] in noteRead($0) }
        var bytes: [UInt8] = []
        while try reader.nextLine(maxBytes: 1 << 20, { piece, _ in bytes.append(contentsOf: piece) }) {}
        let name = plan.isStdin ? "stdin.txt" : URL(fileURLWithPath: plan.path).lastPathComponent
        var info = stat()
        let executable = !plan.isStdin && stat(plan.path, &info) == 0 && info.st_mode & S_IXUSR != 0
        try enqueue(.file(bytes: bytes, relativePath: name, source: plan.isStdin ? "stdin" : plan.path, executable: executable), bytes: bytes.count)
    }

    /// A directory, walked in byte order of names; `.git` folders, symlinks and special files
    /// are skipped and counted (binary files are skipped while processing). Every other file
    /// is kept byte for byte, so the mirror's tree is the one `git add` gives for those files.
    func readDirectory(_ plan: InputPlan) throws {
        let root = URL(fileURLWithPath: plan.path)
        try walk(root, relative: "", plan: plan)
    }

    private func walk(_ folder: URL, relative: String, plan: InputPlan) throws {
        let manager = FileManager.default
        let names: [String]
        do { names = try manager.contentsOfDirectory(atPath: folder.path) } catch {
            throw FSContextError(.badInput, "cannot list \(folder.path): \(error.localizedDescription)")
        }
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(url.path, &info) == 0 else { counters.other += 1; continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if name == ".git" || (relative.isEmpty && name == ".fsctx") { counters.git += 1; continue }
                try walk(url, relative: path, plan: plan)
            case S_IFREG:
                guard let data = manager.contents(atPath: url.path) else {
                    throw FSContextError(.badInput, "cannot read \(url.path): permission denied or unreadable")
                }
                noteRead(data.count)
                let source = (plan.path as NSString).appendingPathComponent(path)
                // git records the owner's execute bit as mode 100755.
                let executable = info.st_mode & S_IXUSR != 0
                try enqueue(.file(bytes: [UInt8](data), relativePath: path, source: source, executable: executable), bytes: data.count)
            default:
                counters.other += 1
            }
        }
    }
}
