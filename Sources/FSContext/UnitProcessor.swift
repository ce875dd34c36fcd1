import Foundation

/// Turns raw units into corpus files on every core: decode and check the text, hash and
/// deflate the blob, and stage the work-tree file. Pure per unit, so batches run in parallel.
struct UnitProcessor: Sendable {
    let options: MaterializeOptions
    let plan: InputPlan
    let input: Int
    let stagingDirectory: URL?

    private final class Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<UnitOutcome?>
        init(_ count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }
        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }
    }

    /// Processes `units` on every core; outcome `i` belongs to unit `i`.
    func process(_ units: [RawUnit], firstStage: Int) -> [UnitOutcome] {
        let slots = Slots(units.count)
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        WorkerThreads.forEach(count: units.count, threads: threads, grain: 32) {
            let deflater = Deflater(level: options.compressionLevel, strategy: options.deflateStrategy)
            return { range in
                for index in range { slots.buffer[index] = process(units[index], stage: firstStage + index, deflater: deflater) }
            }
        }
        return slots.buffer.map { $0! }
    }

    private var sourceName: String { plan.isStdin ? "stdin" : plan.path }

    private func process(_ unit: RawUnit, stage: Int, deflater: Deflater) -> UnitOutcome {
        do {
            switch unit {
            case .document(let line, let lineNumber, let offset):
                return try document(line, lineNumber: lineNumber, offset: offset, stage: stage, deflater: deflater)
            case .chunk(let chunk):
                if chunk.byteOffset == 0, chunk.bytes.withUnsafeBytes(UTF8Check.looksBinary) {
                    throw FSContextError(.badInput, "\(sourceName) looks binary (it has NUL bytes); give a text file")
                }
                let text = try checkedText(chunk.bytes, where: "\(sourceName)", firstLine: chunk.firstLine)
                let title = TitleText.firstLine(of: text.bytes)
                let record = CorpusFileRecord(
                    input: input, hint: "", title: title, source: sourceName,
                    byteStart: chunk.byteOffset, byteEnd: chunk.byteOffset + chunk.bytes.count,
                    firstLine: chunk.firstLine, lastLine: chunk.lastLine, documentID: nil,
                    size: text.bytes.count, lines: 0, blob: [])
                return try finish(record, text.bytes, replaced: text.replaced, stage: stage, deflater: deflater)
            case .file(let bytes, let relativePath, let source, let executable):
                // A mirror keeps every byte, invalid UTF-8 included (`--invalid-utf8` is for
                // chunks and documents); text is repaired where it goes to a model (`ModelText`).
                if bytes.withUnsafeBytes(UTF8Check.looksBinary) { return .skippedBinary(source) }
                let lines = bytes.withUnsafeBytes(UTF8Check.newlineCount)
                var record = CorpusFileRecord(
                    input: input, hint: relativePath, title: TitleText.firstLine(of: bytes), source: source,
                    byteStart: 0, byteEnd: bytes.count, firstLine: 1,
                    lastLine: max(1, lines + (bytes.last == 0x0A || bytes.isEmpty ? 0 : 1)),
                    documentID: nil, size: bytes.count, lines: 0, blob: [])
                record.executable = executable
                let keptInvalid = bytes.withUnsafeBytes(UTF8Check.firstInvalidOffset) != nil
                return try finish(record, bytes, replaced: 0, keptInvalid: keptInvalid, stage: stage, deflater: deflater)
            }
        } catch let error as FSContextError {
            return .failure(error)
        } catch {
            return .failure(FSContextError(.io, wrapping: error))
        }
    }

    private func document(_ line: [UInt8], lineNumber: Int, offset: Int, stage: Int, deflater: Deflater) throws -> UnitOutcome {
        var parser = JSONLineParser(fields: [options.textField, options.titleField, options.idField] + options.metaFields)
        parser.stringOnly = [options.textField]
        let fields: [String: [UInt8]]
        switch line.withUnsafeBytes(parser.parse) {
        case .malformed(let reason): return .badLine("\(sourceName):\(lineNumber): malformed JSONL line: \(reason)")
        case .object(let found): fields = found
        }
        guard var body = fields[options.textField] else {
            return .badLine("\(sourceName):\(lineNumber): no string field \"\(options.textField)\" (choose one with --text-field)")
        }
        if let last = body.last, last != 0x0A { body.append(0x0A) }
        var header: [UInt8] = []
        for field in options.metaFields {
            guard let value = fields[field] else { continue }
            header += Array("\(field): ".utf8) + value.map { $0 == 0x0A ? 0x20 : $0 } + [0x0A]
        }
        if !header.isEmpty { body = header + [0x0A] + body }
        let text = try checkedText(body, where: sourceName, firstLine: lineNumber, sameLine: true)
        let id = fields[options.idField].map { String(decoding: $0, as: UTF8.self) }
        let titleBytes = fields[options.titleField]
        let title = titleBytes.map { TitleText.clean(String(decoding: $0, as: UTF8.self)) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? id.map(TitleText.clean) ?? TitleText.firstLine(of: text.bytes)
        let record = CorpusFileRecord(
            input: input, hint: TitleText.slug(titleBytes.map { String(decoding: $0, as: UTF8.self) } ?? id ?? ""),
            title: title, source: sourceName, byteStart: offset, byteEnd: offset + line.count,
            firstLine: lineNumber, lastLine: lineNumber, documentID: id, size: text.bytes.count, lines: 0, blob: [])
        return try finish(record, text.bytes, replaced: text.replaced, stage: stage, deflater: deflater)
    }

    /// Checks UTF-8: valid bytes pass unchanged; invalid ones are replaced and counted, or
    /// rejected with `file:line` when the policy says so.
    private func checkedText(_ bytes: [UInt8], where source: String, firstLine: Int, sameLine: Bool = false) throws
        -> (bytes: [UInt8], replaced: Int)
    {
        guard let bad = bytes.withUnsafeBytes(UTF8Check.firstInvalidOffset) else { return (bytes, 0) }
        if options.invalidUTF8 == .reject {
            let line = sameLine ? firstLine : firstLine + bytes[..<bad].withUnsafeBytes(UTF8Check.newlineCount)
            throw FSContextError(.badInput, "\(source):\(line): invalid UTF-8; convert the input to UTF-8 or pass --invalid-utf8 replace")
        }
        return bytes.withUnsafeBytes(UTF8Check.repaired)
    }

    private func finish(_ record: CorpusFileRecord, _ bytes: [UInt8], replaced: Int, keptInvalid: Bool = false, stage: Int,
                        deflater: Deflater) throws -> UnitOutcome {
        var record = record
        let object = PackedObject(kind: .blob, bytes: bytes, deflater: deflater)
        record.blob = object.id
        record.size = bytes.count
        record.lines = bytes.withUnsafeBytes(UTF8Check.newlineCount) + (bytes.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
        if let stagingDirectory {
            try WorkTreeWriter.writeReadOnly(bytes, to: stagingDirectory.appendingPathComponent(String(stage)).path,
                                             mode: record.executable ? 0o555 : 0o444)
            record.staged = stage
        }
        return .file(record, object, replaced: replaced, keptInvalid: keptInvalid)
    }
}
