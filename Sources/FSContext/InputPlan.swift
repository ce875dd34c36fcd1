import Foundation

/// One input as the materializer will read it.
struct InputPlan: Sendable {
    /// How the input is read.
    enum Kind: Sendable { case jsonl, text, directory, singleFile }

    /// The path as given (`-` for stdin).
    let path: String
    /// Whether this is stdin.
    var isStdin: Bool { path == "-" }
    /// How it is read.
    let kind: Kind
    /// The layout its files get.
    let layout: MaterializeOptions.Layout
    /// Its name when there are several inputs (basename without extension, made unique).
    var name: String
    /// Its size in bytes when known (files; directories are not pre-scanned).
    let size: Int?

    /// Plans every input of `options`, checking that each exists and suits its layout.
    static func plan(_ options: MaterializeOptions, stdinPeek: () throws -> [UInt8]) throws -> [InputPlan] {
        guard !options.inputs.isEmpty else { throw FSContextError(.badInput, "no input given; name a file, a directory, or - for stdin") }
        var plans: [InputPlan] = []
        var usedNames: Set<String> = []
        for path in options.inputs {
            var isDirectory: ObjCBool = false
            let isStdin = path == "-"
            if !isStdin, !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw FSContextError(.badInput, "cannot read \(path): no such file or directory")
            }
            var size: Int? = nil
            var sniffedJSON = false
            if isStdin {
                sniffedJSON = try stdinPeek().first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
            } else if !isDirectory.boolValue {
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw FSContextError(.badInput, "cannot read \(path): permission denied")
                }
                size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
                if size == 0 { throw FSContextError(.badInput, "\(path) is empty; give a file with some text") }
                let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
                sniffedJSON = ext == "jsonl" || ext == "ndjson" || (ext != "txt" && ext != "md" && firstByteIsBrace(path))
            }
            let layout: MaterializeOptions.Layout
            let kind: Kind
            switch options.layout {
            case .auto:
                if isDirectory.boolValue { (layout, kind) = (.mirror, .directory) }
                else if sniffedJSON { (layout, kind) = (.documents, .jsonl) }
                else { (layout, kind) = (.chunks, .text) }
            case .documents:
                guard !isDirectory.boolValue else {
                    throw FSContextError(.badInput, "--layout documents needs a JSONL file, but \(path) is a directory; use --layout mirror")
                }
                (layout, kind) = (.documents, .jsonl)
            case .chunks:
                guard !isDirectory.boolValue else {
                    throw FSContextError(.badInput, "--layout chunks needs a file or stdin, but \(path) is a directory; use --layout mirror")
                }
                (layout, kind) = (.chunks, .text)
            case .mirror:
                (layout, kind) = (.mirror, isDirectory.boolValue ? .directory : .singleFile)
            }
            let name = uniqueName(for: path, used: &usedNames)
            plans.append(InputPlan(path: path, kind: kind, layout: layout, name: name, size: size))
        }
        return plans
    }

    private static func firstByteIsBrace(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256)) ?? Data()
        return head.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
    }

    private static func uniqueName(for path: String, used: inout Set<String>) -> String {
        var base = path == "-" ? "stdin" : URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        base = String(base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
        if base.isEmpty || base.hasPrefix(".") { base = "input" + base }
        var name = base
        var counter = 2
        while !used.insert(name).inserted { name = "\(base)-\(counter)"; counter += 1 }
        return name
    }
}
