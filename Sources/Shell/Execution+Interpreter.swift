import Foundation

extension Execution {
    /// Runs a syntax node with `stdin`; returns the exit status as bash would.
    func execute(_ node: ShellNode, stdin: InputCursor) async -> Int32 {
        if aborted { return 1 }
        let status: Int32
        switch node {
        case .sequence(let items):
            var last: Int32 = 0
            for item in items where !aborted { last = await execute(item, stdin: stdin) }
            status = last
        case .and(let left, let right):
            let first = await execute(left, stdin: stdin)
            status = first == 0 ? await execute(right, stdin: stdin) : first
        case .or(let left, let right):
            let first = await execute(left, stdin: stdin)
            status = first != 0 ? await execute(right, stdin: stdin) : first
        case .pipeline(let stages, let negated):
            let last = await executePipeline(stages, stdin: stdin)
            status = negated ? (last == 0 ? 1 : 0) : last
        case .simple(let command):
            status = await executeSimple(command, stdin: stdin)
        case .forLoop(let variable, let words, let body):
            let values = words == nil ? [] : await expand(words!)
            var last: Int32 = 0
            for (count, value) in values.enumerated() where !aborted {
                if count >= limits.maxLoopIterations {
                    writeError("fsctx-sh: for: stopped after \(limits.maxLoopIterations) iterations\n")
                    break
                }
                variables[variable] = value
                last = await execute(body, stdin: stdin)
            }
            status = last
        case .whileLoop(let condition, let body, let until):
            var last: Int32 = 0
            var count = 0
            while !aborted {
                let test = await execute(condition, stdin: stdin)
                if (test == 0) == until { break }
                count += 1
                if count > limits.maxLoopIterations {
                    writeError("fsctx-sh: while: stopped after \(limits.maxLoopIterations) iterations\n")
                    break
                }
                last = await execute(body, stdin: stdin)
            }
            status = last
        case .ifClause(let condition, let then, let otherwise):
            if await execute(condition, stdin: stdin) == 0 {
                status = await execute(then, stdin: stdin)
            } else if let otherwise {
                status = await execute(otherwise, stdin: stdin)
            } else {
                status = 0
            }
        case .group(let body, let redirections):
            status = await withRedirections(redirections, stdin: stdin) { input in await self.execute(body, stdin: input) }
        case .arithmetic(let word):
            status = await arithmeticCommand(word)
        case .caseClause(let subject, let items):
            status = await caseClause(subject, items, stdin: stdin)
        case .conditional(let tokens, let redirections):
            status = await withRedirections(redirections, stdin: stdin) { _ in await self.conditionalCommand(tokens) }
        }
        if aborted { lastStatus = 1; return 1 }
        lastStatus = status
        return status
    }

    func executeSimple(_ command: SimpleCommand, stdin: InputCursor) async -> Int32 {
        let fields = await expand(command.words)
        if aborted { return 1 }
        guard let name = fields.first else {
            for (variable, value) in command.assignments { variables[variable] = await expandJoined(value) }
            return await withRedirections(command.redirections, stdin: stdin) { _ in 0 }
        }
        var saved: [String: String?] = [:]
        for (variable, value) in command.assignments {
            saved[variable] = variables[variable]
            variables[variable] = await expandJoined(value)
        }
        defer { for (variable, value) in saved { variables[variable] = value } }
        commandsRun.append(name)
        return await withRedirections(command.redirections, stdin: stdin) { input in
            await self.runCommand(name, Array(fields.dropFirst()), stdin: input)
        }
    }

    func runCommand(_ name: String, _ arguments: [String], stdin: InputCursor) async -> Int32 {
        if name == "read" && arguments.allSatisfy({ !$0.contains(".") && !$0.contains("/") }) && !arguments.isEmpty
            && arguments.allSatisfy({ $0.first.map { $0 == "_" || $0.isLetter || $0 == "-" } ?? false }) {
            await stdin.fillLines(1)
            return readLine(arguments, stdin: stdin)
        }
        guard let builtin = Builtins.table[name] else {
            if limits.programs.allowed.contains(name) { return await runProgram(name, arguments, stdin: stdin) }
            let programs = limits.programs.allowed.subtracting(Builtins.names).sorted()
            if ProgramSandbox.isProgramName(name) && ProgramSandbox.programPath(name) != nil {
                writeError("fsctx-sh: \(name): not allowed here (allowed programs: \(programs.isEmpty ? "none" : programs.joined(separator: ", ")); "
                    + "--allow-programs or allow-programs in the corpus's .fsctx/config sets them)\n")
                return 126
            }
            writeError("fsctx-sh: \(name): command not found (available: \(Builtins.names.joined(separator: ", "))"
                + (programs.isEmpty ? "" : "; programs: \(programs.joined(separator: ", "))") + ")\n")
            return 127
        }
        var io = CommandIO(input: stdin, execution: self)
        let status = await builtin(self, arguments, &io)
        writeOutput(io.stdout)
        writeError(io.stderr)
        return status
    }

    /// `read [-r] NAME…`: one line of standard input into variables (the shell builtin).
    func readLine(_ arguments: [String], stdin: InputCursor) -> Int32 {
        let names = arguments.filter { !$0.hasPrefix("-") }
        guard let line = stdin.takeLine() else { return 1 }
        var text = String(decoding: line, as: UTF8.self)
        for (position, variable) in names.enumerated() {
            if position == names.count - 1 {
                variables[variable] = text.trimmingCharacters(in: .whitespaces)
            } else {
                let trimmed = text.drop { $0 == " " || $0 == "\t" }
                let end = trimmed.firstIndex { $0 == " " || $0 == "\t" } ?? trimmed.endIndex
                variables[variable] = String(trimmed[..<end])
                text = String(trimmed[end...])
            }
        }
        return 0
    }

    /// Applies redirections around `body`: `< file` feeds it, `> file` / `>> file` capture its
    /// output into the scratch area, `2>&1` is a no-op (stderr already reaches the caller).
    func withRedirections(_ redirections: [Redirection], stdin: InputCursor, _ body: (InputCursor) async -> Int32) async -> Int32 {
        var input = stdin
        var target: (Sandbox.Resolved, append: Bool)?
        var discard = false
        var dropStderr = false
        for redirection in redirections {
            let path = await expandJoined(redirection.target)
            switch redirection.kind {
            case .stderrToStdout:
                continue
            case .hereDocument:
                input = InputCursor(Array(path.utf8))
            case .read:
                if path == "/dev/null" { input = InputCursor([]); continue }
                switch readFile(path) {
                case .success(let bytes): input = InputCursor(bytes)
                case .failure(let message): writeError("fsctx-sh: \(message)\n"); return 1
                }
            case .stderrWrite, .stderrAppend:
                guard path == "/dev/null" else {
                    writeError("fsctx-sh: \(path): only 2>/dev/null and 2>&1 are supported for standard error\n")
                    return 2
                }
                dropStderr = true
            case .write, .append:
                if path == "/dev/null" { discard = true; target = nil; continue }
                switch sandbox.resolveWritable(path) {
                case .failure(let error): writeError("fsctx-sh: \(error.message)\n"); return 1
                case .success(let resolved): target = (resolved, redirection.kind == .append); discard = false
                }
            }
        }
        if dropStderr { stderrSuppressed += 1 }
        defer { if dropStderr { stderrSuppressed -= 1 } }
        guard target != nil || discard else { return await body(input) }
        let (bytes, status) = await capturing { await body(input) }
        if let target, let message = writeScratch(target.0, bytes, append: target.append) {
            writeError("fsctx-sh: \(message)\n")
            return 1
        }
        return status
    }

    func writeScratch(_ file: Sandbox.Resolved, _ bytes: [UInt8], append: Bool) -> String? {
        scratchBytesWritten += bytes.count
        if scratchBytesWritten > limits.maxScratchBytes {
            return "\(file.virtual): scratch limit of \(limits.maxScratchBytes) bytes reached; write less or summarize first"
        }
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if append, let handle = FileHandle(forWritingAtPath: file.url.path) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: bytes)
            } else {
                try Data(bytes).write(to: file.url)
            }
        } catch {
            return "\(file.virtual): cannot write: \(error.localizedDescription)"
        }
        writtenScratchPaths.insert(String(file.virtual.dropFirst(Sandbox.scratchName.count + 1)))
        return nil
    }
}
