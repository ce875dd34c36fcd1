import Foundation
import FSContext

extension Builtins {
    /// `llm 'prompt' [FILE…]`, `llm --each 'prompt' FILE…`: model sub-calls through the run's handler.
    static func llm(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        await subcall(execution, arguments, &io, recursive: false)
    }

    /// `rlm 'question' [FILE…]`: a recursive sub-agent through the run's handler.
    static func rlm(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        await subcall(execution, arguments, &io, recursive: true)
    }

    static func subcall(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO, recursive: Bool) async -> Int32 {
        let name = recursive ? "rlm" : "llm"
        guard let handler = execution.subcalls else {
            io.error("fsctx-sh: \(name): sub-calls need a model (inside fsctx run --strategy rlm, or fsctx mcp --model SPEC)\n")
            return 1
        }
        var words = arguments
        let each = words.first == "--each"
        if each { words.removeFirst() }
        guard let prompt = words.first, !prompt.isEmpty else {
            return usage(&io, "\(name) 'PROMPT' [FILE…]   or   \(name) --each 'PROMPT' FILE…   (input: the files, or stdin)")
        }
        let files = Array(words.dropFirst())
        var contents: [(String, String)] = []
        for file in files {
            switch execution.readFile(file) {
            case .success(let bytes): contents.append((file, ModelText.forModel(bytes)))
            case .failure(let message): io.error("\(name): \(message)\n"); return 1
            }
        }
        if each {
            guard !contents.isEmpty else { return usage(&io, "\(name) --each 'PROMPT' FILE…   (one call per file, in parallel)") }
            let answers = await withTaskGroup(of: (Int, Result<String, Error>).self) { group in
                for (position, file) in contents.enumerated() {
                    group.addTask {
                        do {
                            let answer = recursive ? try await handler.rlm(question: prompt, input: file.1)
                                : try await handler.llm(prompt: prompt, input: file.1)
                            return (position, .success(answer))
                        } catch {
                            return (position, .failure(error))
                        }
                    }
                }
                var results = [Result<String, Error>?](repeating: nil, count: contents.count)
                for await (position, result) in group { results[position] = result }
                return results.compactMap { $0 }
            }
            var failed = false
            for (file, answer) in zip(contents, answers) {
                io.print("==> \(file.0) <==\n")
                switch answer {
                case .success(let text): io.print(text.hasSuffix("\n") ? text : text + "\n")
                case .failure(let error): io.print("(\(name) failed: \(error))\n"); failed = true
                }
            }
            return failed ? 1 : 0
        }
        let input = contents.isEmpty ? ModelText.forModel(io.stdin)
            : contents.map { contents.count == 1 ? $0.1 : "==> \($0.0) <==\n\($0.1)" }.joined(separator: "\n")
        do {
            let answer = recursive ? try await handler.rlm(question: prompt, input: input) : try await handler.llm(prompt: prompt, input: input)
            io.print(answer.hasSuffix("\n") ? answer : answer + "\n")
            return 0
        } catch {
            io.error("fsctx-sh: \(name): \(error)\n")
            return 1
        }
    }

    /// `answer [--confidence N] TEXT…` or `… | answer`: sets the final answer.
    static func answer(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        var words = arguments
        var confidence: Double?
        while let first = words.first, first.hasPrefix("--") {
            words.removeFirst()
            if first == "--" { break }
            if first == "--confidence", let value = words.first.flatMap(Double.init), value > 0, value <= 100 {
                confidence = value
                words.removeFirst()
                continue
            }
            return usage(&io, "answer [--confidence N] TEXT   or   … | answer   (N in (0, 100])")
        }
        var text = words.isEmpty ? String(decoding: io.stdin, as: UTF8.self) : words.joined(separator: " ")
        while text.hasSuffix("\n") { text.removeLast() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return usage(&io, "answer TEXT: the answer is empty")
        }
        execution.answer = text
        execution.answerConfidence = confidence
        io.print("answer recorded: \(text)\n")
        return 0
    }
}
