import Foundation

extension GrepInvocation {
    /// A file to search: the name to print and where it is (a path on disk, an entry of the
    /// corpus image, or standard input when both are nil).
    struct Target {
        var fileName: String = ""
        var path: String?
        var imageEntry: Int?
        /// For image entries: the operand as typed (with `/`), and how many bytes of the entry's
        /// corpus path the operand's folder covers.
        var shownPrefix: String = ""
        var skip = 0

        init(name: String, path: String?) {
            self.fileName = name
            self.path = path
        }

        init(imageEntry: Int, shownPrefix: String, skip: Int) {
            self.imageEntry = imageEntry
            self.shownPrefix = shownPrefix
            self.skip = skip
        }

        /// The name grep prints for this file.
        func name(_ image: CorpusImage?) -> String {
            guard let imageEntry, let image else { return fileName }
            return shownPrefix + image.path(imageEntry, droppingFirst: skip)
        }
    }

    func run(_ execution: Execution, _ io: inout CommandIO) -> Int32 {
        var failed = false
        func complain(_ message: String) {
            failed = true
            if !suppressErrors { io.error("\(command): \(message)\n") }
        }
        // Patterns.
        var all = patterns
        for file in patternFiles {
            switch execution.readFile(file) {
            case .success(let bytes): all += String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(bytes.last == 10 ? 1 : 0)
            case .failure(let message): io.error("\(command): \(message)\n"); return 2
            }
        }
        let lines = all.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        // Targets.
        var targets: [Target] = []
        let walkRoots = operands.isEmpty && recursive ? ["."] : operands
        var sawFolder = false
        var image: CorpusImage?
        if recursive, let found = imageTargets(operands, execution, patterns: lines) {
            (image, targets) = found
            sawFolder = true
        } else if walkRoots.isEmpty { targets.append(Target(name: "(standard input)", path: nil)) }
        for root in walkRoots where image == nil {
            if root == "-" { targets.append(Target(name: "(standard input)", path: nil)); continue }
            let resolved: Sandbox.Resolved
            switch execution.sandbox.resolve(root) {
            case .failure(let error): complain(error.message); continue
            case .success(let value): resolved = value
            }
            var info = stat()
            guard lstat(resolved.url.path, &info) == 0 else { complain("\(root): No such file or directory"); continue }
            if (info.st_mode & S_IFMT) != S_IFDIR {
                if (info.st_mode & S_IFMT) == S_IFREG && included(root, commandLine: true) {
                    targets.append(Target(name: root, path: resolved.url.path))
                }
                continue
            }
            guard recursive else { complain("\(root): Is a directory"); continue }
            sawFolder = true
            _ = execution.walk(root, omitDotPrefix: operands.isEmpty) { virtual, real, kind, depth in
                if kind == .folder {
                    return depth == 0 || !excludeDirs.contains { fnmatch($0, (virtual as NSString).lastPathComponent, 0) == 0 }
                }
                if included(virtual, commandLine: false) { targets.append(Target(name: virtual, path: real)) }
                return true
            }
        }
        let matcher: RegexMatcher
        do {
            matcher = try makeMatcher(lines, byteCounts: image?.byteCounts)
        } catch {
            io.error("\(command): \(error.message)\n")
            return 2
        }
        var options = self.options
        options.ripgrepStyle = command == "rg"
        if options.withFilename == nil { options.withFilename = targets.count > 1 || sawFolder }
        let search = GrepSearch(matcher: matcher, options: options)
        let stdin = targets.contains { $0.path == nil } ? io.stdin : []
        var selectedAny = false
        var printedGroup = false
        // Small per-file outputs are gathered and written once per batch (one write, not one
        // per file); a large one is written as it is, after what was gathered before it.
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            io.emit(pending)
            pending.removeAll(keepingCapacity: true)
        }
        func emit(_ bytes: [UInt8]) {
            if bytes.count >= 64 << 10 {
                flush()
                io.emit(bytes)
                return
            }
            pending.append(contentsOf: bytes)
            if pending.count >= 1 << 20 { flush() }
        }
        func emit(_ text: String) { emit(Array(text.utf8)) }
        defer { flush() }
        GrepRunner.searchAll(targets, search: search, stdin: stdin, showNames: options.withFilename!, image: image, batchDone: flush) { index, result in
            if let message = result.error { complain(message); return true }
            let name = { targets[index].name(image) }
            let file = result.file
            if file.binary && skipBinary { return true }
            if file.selected > 0 { selectedAny = true }
            switch options.mode {
            case .quiet: return !selectedAny
            case .count:
                if options.ripgrepStyle && file.selected == 0 { return true }
                emit(options.withFilename! ? "\(name()):\(file.selected)\n" : "\(file.selected)\n")
            case .filesWithMatches: if file.selected > 0 { emit(name() + "\n") }
            case .filesWithoutMatch: if file.selected == 0 { emit(name() + "\n") }
            case .lines:
                if file.binary {
                    if file.selected > 0 && !options.ripgrepStyle { emit("\(command): \(name()): binary file matches\n") }
                    return true
                }
                if options.context && printedGroup && file.printedLines { emit(options.groupSeparator + "\n") }
                printedGroup = printedGroup || file.printedLines
                emit(file.output)
            }
            return true
        }
        if options.mode == .quiet && selectedAny { return 0 }
        return failed ? 2 : (selectedAny ? 0 : 1)
    }

    /// Targets from the packed corpus image when every root is a corpus folder and the corpus
    /// is large enough to have one (only the trigram index's candidates for `patterns`, when it
    /// has any); nil to walk the tree instead.
    func imageTargets(_ roots: [String], _ execution: Execution, patterns: [String]) -> (CorpusImage, [Target])? {
        var folders: [(operand: String?, virtual: String)] = []
        for root in roots.isEmpty ? ["."] : roots {
            guard case .success(let resolved) = execution.sandbox.resolve(root), !resolved.inScratch else { return nil }
            var info = stat()
            guard lstat(resolved.url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            folders.append((roots.isEmpty ? nil : root, resolved.virtual))
        }
        guard let image = CorpusImage.forCorpus(root: execution.sandbox.root, minimumFiles: execution.limits.imageMinimumFiles, walk: { start, add in
            _ = execution.walk(start, omitDotPrefix: true) { virtual, real, kind, _ in
                if kind == .file { add(virtual, real) }
                return true
            }
        }) else { return nil }
        let candidates = indexCandidates(image, patterns: patterns, limits: execution.limits)
        var targets: [Target] = []
        for folder in folders {
            let skip = folder.virtual == "." ? 0 : folder.virtual.utf8.count + 1
            let shown = folder.operand.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
            let filtered = !excludeDirs.isEmpty || !includes.isEmpty || !excludes.isEmpty
            Self.forEachEntry(in: image.range(under: folder.virtual), candidates: candidates) { index in
                guard filtered else {
                    targets.append(Target(imageEntry: index, shownPrefix: shown, skip: skip))
                    return
                }
                let relative = image.path(index, droppingFirst: skip)
                if !excludeDirs.isEmpty {
                    let parts = relative.split(separator: "/").dropLast()
                    if parts.contains(where: { part in excludeDirs.contains { fnmatch($0, String(part), 0) == 0 } }) { return }
                }
                guard included(relative, commandLine: false) else { return }
                targets.append(Target(imageEntry: index, shownPrefix: shown, skip: skip))
            }
        }
        return (image, targets)
    }

    /// The literals of an alternation of plain words (`a|b|c`, `a\\|b`, several `-e`), or nil.
    func literalAlternatives(_ lines: [String]) -> [String]? {
        var parts: [String] = []
        for line in lines {
            switch syntax {
            case .extended: parts += line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            case .basic: parts += line.components(separatedBy: "\\|")
            default: parts.append(line)
            }
        }
        guard parts.count > 1 else { return nil }
        let literals = parts.compactMap { syntax.literal($0) }
        return literals.count == parts.count && !literals.contains("") ? literals : nil
    }

    func included(_ path: String, commandLine: Bool) -> Bool {
        let name = (path as NSString).lastPathComponent
        if excludes.contains(where: { fnmatch($0, name, 0) == 0 }) { return false }
        if commandLine { return true }
        return includes.isEmpty || includes.contains { fnmatch($0, name, 0) == 0 }
    }

    func makeMatcher(_ lines: [String], byteCounts: [Int]? = nil) throws(RegexError) -> RegexMatcher {
        var caseless = caseless
        if smartCase && !lines.contains(where: { $0.contains { $0.isUppercase } }) { caseless = true }
        if lines.count == 1, !wholeWord, !wholeLine, let literal = syntax.literal(lines[0]) {
            return try RegexMatcher(pcre: RegexSyntax.quoteLiteral(literal), caseless: caseless, literal: Array(literal.utf8), byteCounts: byteCounts)
        }
        if !wholeWord, !wholeLine, let literals = literalAlternatives(lines) {
            return try RegexMatcher(pcre: "", caseless: caseless, literal: nil, alternatives: literals.map { Array($0.utf8) }, byteCounts: byteCounts)
        }
        var translated = lines.map { syntax.translate($0) }
        if wholeLine { translated = translated.map { "^(?:\($0))$" } }
        else if wholeWord { translated = translated.map { "(?<!\\w)(?:\($0))(?!\\w)" } }
        let pattern = translated.count == 1 ? translated[0] : translated.map { "(?:\($0))" }.joined(separator: "|")
        let required = lines.count == 1 ? syntax.requiredLiteral(lines[0]) : nil
        return try RegexMatcher(pcre: pattern, caseless: caseless, literal: nil, required: required, byteCounts: byteCounts)
    }
}
