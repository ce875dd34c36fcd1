import Foundation

extension Builtins {
    static func cat(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        guard case .success(let options) = CommandOptions.parse(arguments, command: "cat", flags: "n") else {
            return usage(&io, "cat [-n] [FILE]…")
        }
        let (files, failed) = execution.inputs(options.operands, &io, command: "cat")
        var number = 0
        for file in files {
            if options.has("n") {
                for line in TextLines.split(file.bytes) {
                    number += 1
                    io.print(String(repeating: " ", count: max(0, 6 - String(number).count)) + "\(number)\t")
                    io.stdout.append(contentsOf: line)
                }
            } else {
                io.stdout.append(contentsOf: file.bytes)
            }
        }
        return failed ? 1 : 0
    }

    /// `read FILE [START [END]]`: the file's lines START..END, numbered.
    static func read(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        guard (1...3).contains(arguments.count) else { return usage(&io, "read FILE [START [END]]   (numbered lines START..END)") }
        let start = arguments.count > 1 ? Int(arguments[1]) : 1
        let end = arguments.count > 2 ? Int(arguments[2]) : Int.max
        guard let start, let end, start >= 1, end >= start else {
            return usage(&io, "read FILE [START [END]]: START and END are line numbers, 1 ≤ START ≤ END")
        }
        switch execution.readFile(arguments[0]) {
        case .failure(let message):
            io.error("read: \(message)\n")
            return 1
        case .success(let bytes):
            let lines = TextLines.split(bytes)
            if start > lines.count && !(lines.isEmpty && start == 1) {
                io.error("read: \(arguments[0]) has only \(lines.count) lines\n")
                return 1
            }
            for number in start...min(end, lines.count) where number <= lines.count {
                io.print("\(number)\t")
                io.stdout.append(contentsOf: TextLines.content(lines[number - 1]))
                io.print("\n")
            }
            return 0
        }
    }

    static func head(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        await headOrTail(execution, arguments, &io, tail: false)
    }

    static func tail(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        await headOrTail(execution, arguments, &io, tail: true)
    }

    static func headOrTail(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO, tail: Bool) async -> Int32 {
        let name = tail ? "tail" : "head"
        let parsed = CommandOptions.parse(arguments, command: name, flags: "qv", valued: "nc",
                                          long: ["lines": true, "bytes": true, "quiet": false, "silent": false, "verbose": false],
                                          aliases: ["lines": "n", "bytes": "c", "quiet": "q", "silent": "q", "verbose": "v"],
                                          numericCount: true)
        guard case .success(let options) = parsed else { return usage(&io, parsed.failureMessage, "\(name) [-n N] [-c N] [FILE]…") }
        let byBytes = options.options.last { $0.name == "n" || $0.name == "c" }?.name == "c"
        let spec = (byBytes ? options.value("c") : options.value("n")) ?? "10"
        let fromStart = spec.hasPrefix("+")
        let allBut = spec.hasPrefix("-")
        guard let count = Int(spec.drop { $0 == "+" || $0 == "-" }) else {
            io.error("\(name): invalid number of \(byBytes ? "bytes" : "lines"): '\(spec)'\n")
            return 1
        }
        if !tail && !allBut && !options.has("v") && io.input.isStreaming && options.operands.allSatisfy({ $0 == "-" }) && options.operands.count <= 1 {
            // A process feeds this head as it runs: take only what is wanted, so an endless
            // producer is stopped (its pipe closes) instead of running into the stream budget.
            if byBytes { await io.input.fillBytes(count) } else { await io.input.fillLines(count) }
            io.stdout.append(contentsOf: byBytes ? io.input.takeBytes(count) : io.input.takeLines(count))
            return 0
        }
        let (files, failed) = execution.inputs(options.operands, &io, command: name)
        let headers = options.has("v") || (files.count > 1 && !options.has("q"))
        for (position, file) in files.enumerated() {
            if headers {
                io.print("\(position > 0 ? "\n" : "")==> \(file.name == "-" ? "standard input" : file.name) <==\n")
            }
            if byBytes {
                let bytes = file.bytes
                let slice: ArraySlice<UInt8>
                if tail { slice = fromStart ? bytes.dropFirst(max(0, count - 1)) : bytes.suffix(count) }
                else { slice = allBut ? bytes.dropLast(count) : bytes.prefix(count) }
                io.stdout.append(contentsOf: slice)
                continue
            }
            let lines = TextLines.split(file.bytes)
            let chosen: ArraySlice<ArraySlice<UInt8>>
            if tail { chosen = fromStart ? lines.dropFirst(max(0, count - 1)) : lines.suffix(count) }
            else { chosen = allBut ? lines.dropLast(count) : lines.prefix(count) }
            for line in chosen { io.stdout.append(contentsOf: line) }
        }
        return failed ? 1 : 0
    }

    static func ls(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        guard case .success(let options) = CommandOptions.parse(arguments, command: "ls", flags: "1alFhR") else {
            return usage(&io, "ls [-a] [-l] [PATH]…")
        }
        let paths = options.operands.isEmpty ? ["."] : options.operands
        var failed = false
        for (position, path) in paths.enumerated() {
            let resolved: Sandbox.Resolved
            switch execution.sandbox.resolve(path) {
            case .failure(let error): io.error("ls: \(error.message)\n"); failed = true; continue
            case .success(let value): resolved = value
            }
            var info = stat()
            guard lstat(resolved.url.path, &info) == 0 else {
                io.error("ls: cannot access '\(path)': No such file or directory\n")
                failed = true
                continue
            }
            if (info.st_mode & S_IFMT) != S_IFDIR {
                io.print(options.has("l") ? "\(info.st_size)\t\(path)\n" : "\(path)\n")
                continue
            }
            if paths.count > 1 { io.print("\(position > 0 ? "\n" : "")\(path):\n") }
            var names = ((try? FileManager.default.contentsOfDirectory(atPath: resolved.url.path)) ?? [])
                .filter { options.has("a") || (!$0.hasPrefix(".") ) }
            if resolved.virtual == "." && !Set(names).contains(Sandbox.scratchName),
               let scratch = try? FileManager.default.contentsOfDirectory(atPath: execution.sandbox.scratch.path), !scratch.isEmpty {
                names.append(Sandbox.scratchName)
            }
            for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                let child = resolved.virtual == "." && name == Sandbox.scratchName ? execution.sandbox.scratch : resolved.url.appendingPathComponent(name)
                var childInfo = stat()
                lstat(child.path, &childInfo)
                let kind = childInfo.st_mode & S_IFMT
                let shown = name + (kind == S_IFDIR ? "/" : kind == S_IFLNK ? "@" : "")
                io.print(options.has("l") ? "\(kind == S_IFDIR ? "-" : String(childInfo.st_size))\t\(shown)\n" : "\(shown)\n")
            }
        }
        return failed ? 2 : 0
    }

    static func tree(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        guard case .success(let options) = CommandOptions.parse(arguments, command: "tree", flags: "d", valued: "L"),
              options.value("L").map({ Int($0) != nil }) ?? true else {
            return usage(&io, "tree [-d] [-L DEPTH] [PATH]")
        }
        let limit = options.value("L").flatMap { Int($0) } ?? Int.max
        let root = options.operands.first ?? "."
        var folders = 0, files = 0
        // Lines go out as the walk finds them (a corpus of 1.5M files needs no list of them).
        var started = false
        let failure = execution.walk(root) { virtual, _, kind, depth in
            if depth == 0 { return true }
            if depth > limit { return false }
            if kind == .file && options.has("d") { return false }
            if !started { io.print("\(root)\n"); started = true }
            let name = String(virtual.split(separator: "/").last ?? "")
            io.print(String(repeating: "    ", count: depth - 1) + "├── " + name + (kind == .folder ? "/" : "") + "\n")
            if kind == .folder { folders += 1 } else { files += 1 }
            return true
        }
        if let failure { io.error("tree: \(failure)\n"); return 2 }
        if !started { io.print("\(root)\n") }
        io.print("\n\(folders) director\(folders == 1 ? "y" : "ies")\(options.has("d") ? "" : ", \(files) file\(files == 1 ? "" : "s")")\n")
        return 0
    }

    static func usage(_ io: inout CommandIO, _ message: String?, _ synopsis: String? = nil) -> Int32 {
        if let synopsis {
            io.error("\(message.map { $0 + "\n" } ?? "")usage: \(synopsis)\n")
        } else if let message {
            io.error("usage: \(message)\n")
        }
        return 2
    }
}

extension Result where Failure == OptionError {
    var failureMessage: String? { if case .failure(let error) = self { error.message } else { nil } }
}
