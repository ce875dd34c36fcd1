import FSContext
import Foundation

extension Builtins {
    /// `python -c CODE`, `python <<'EOF' … EOF`, `python FILE`: runs code in the agent's
    /// persistent interpreter (variables persist between steps; `python3` is a fresh process).
    static func python(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        let policy = execution.limits.programs
        guard policy.allowed.contains("python3") || policy.allowed.contains("python") else {
            io.error("fsctx-sh: python: not allowed here (add python3 to --allow-programs or .fsctx/config)\n")
            return 127
        }
        let code: String
        switch arguments.first {
        case "-c":
            guard arguments.count >= 2 else { return usage(&io, "python -c CODE   or   python <<'EOF' … EOF   or   python FILE") }
            code = arguments[1]
        case nil, "-":
            code = String(decoding: io.stdin, as: UTF8.self)
        case let file?:
            switch execution.readFile(file) {
            case .success(let bytes): code = String(decoding: bytes, as: UTF8.self)
            case .failure(let message): io.error("python: \(message)\n"); return 2
            }
        }
        let before = execution.scratchSnapshot()
        let cap = execution.captures.isEmpty ? execution.output.remaining + 1 : execution.limits.maxStreamBytes
        let step = await execution.python.execute(code, outputCap: max(1, cap)) { call in await execution.answerPythonCall(call) }
        execution.noteScratchChanges(since: before)
        if let answer = step.answer {
            execution.answer = answer.text
            execution.answerConfidence = answer.confidence
        }
        execution.processRuns.append(Execution.ProcessRun(command: ["python", code], outcome: ProcessOutcome(
            stdout: step.output, stderr: [], status: step.status, durationSeconds: step.durationSeconds,
            cpuSeconds: step.cpuSeconds, peakRSSBytes: step.peakRSSBytes, stoppedBecause: nil)))
        io.stdout += step.output
        return step.status
    }
}

extension Execution {
    /// Answers a sub-call from Python code through the session's sub-call handler.
    func answerPythonCall(_ call: PythonRepl.Call) async -> Result<JSONValue, ShellError> {
        if case .answer = call { return .success(.null) }
        guard let handler = subcalls else {
            return .failure(ShellError(.badInput, "sub-calls need a model (inside fsctx run --strategy rlm, or fsctx mcp --model SPEC)"))
        }
        do {
            switch call {
            case .llm(let prompt, let input):
                return .success(.string(try await handler.llm(prompt: prompt, input: input)))
            case .llmBatch(let prompts, let input):
                let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                    for (position, prompt) in prompts.enumerated() {
                        group.addTask { (position, try await handler.llm(prompt: prompt, input: input)) }
                    }
                    var answers = [String](repeating: "", count: prompts.count)
                    for try await (position, answer) in group { answers[position] = answer }
                    return answers
                }
                return .success(.array(answers.map { .string($0) }))
            case .rlm(let question, let files):
                var input = ""
                for file in files {
                    let path = file.hasPrefix(ProgramSandbox.corpusMount + "/") ? String(file.dropFirst(ProgramSandbox.corpusMount.count + 1)) : file
                    switch readFile(path) {
                    case .success(let bytes): input += (files.count > 1 ? "==> \(path) <==\n" : "") + String(decoding: bytes, as: UTF8.self)
                    case .failure(let message): return .failure(ShellError(.badInput, "rlm_query: \(message)"))
                    }
                }
                return .success(.string(try await handler.rlm(question: question, input: input)))
            case .answer:
                return .success(.null)
            }
        } catch {
            return .failure(ShellError(.badInput, "\(error)"))
        }
    }
}
