import FSContext
import Foundation

extension RunRecorder {
    /// Records one executed program as `steps/NNNN.json` plus its scratch files under
    /// `scratch/`, with a message like `step 7 grep -rn "magic" docs | head → 3 lines`.
    /// Returns the commit and the step number.
    @discardableResult
    public func recordStep(_ step: ShellStepRecord, on branch: RunBranch? = nil) throws -> (commit: GitOID, number: Int) {
        let number = takeStepNumber()
        var files: [String: [UInt8]] = [:]
        files[String(format: "steps/%04d.json", number)] = Array((Self.stepJSON(step, number: number).jsonText + "\n").utf8)
        for (path, bytes) in step.scratchFiles { files["scratch/\(path)"] = bytes }
        let lines = step.output.isEmpty ? 0 : step.output.split(separator: "\n", omittingEmptySubsequences: false).count
            - (step.output.hasSuffix("\n") ? 1 : 0)
        let message = "step \(number) \(Self.abbreviate(step.program)) → \(lines) line\(lines == 1 ? "" : "s")"
        var trailers = [
            "Fsctx-Step": "\(number)",
            "Fsctx-Tool": step.tools.isEmpty ? "none" : Array(Set(step.tools)).sorted().joined(separator: ","),
            "Fsctx-Exit": "\(step.exitStatus)",
            "Fsctx-Duration-Ms": String(format: "%.3f", step.durationSeconds * 1000),
        ]
        if step.truncatedBytes > 0 { trailers["Fsctx-Truncated-Bytes"] = "\(step.truncatedBytes)" }
        let commit = try self.commit(on: branch ?? main, files: files, message: message, trailers: trailers)
        return (commit, number)
    }

    static func stepJSON(_ step: ShellStepRecord, number: Int) -> JSONValue {
        var object: [String: JSONValue] = step.extra
        object["step"] = .number(Double(number))
        object["kind"] = "program"
        object["program"] = .string(step.program)
        object["output"] = .string(step.output)
        object["exit_status"] = .number(Double(step.exitStatus))
        object["truncated_bytes"] = .number(Double(step.truncatedBytes))
        object["duration_seconds"] = .number(step.durationSeconds)
        object["started_at"] = .number(step.startedAt)
        object["tools"] = .array(step.tools.map { .string($0) })
        object["scratch_files"] = .array(step.scratchFiles.keys.sorted().map { .string($0) })
        if let answer = step.answer { object["answer"] = .string(answer) }
        return .object(object)
    }

    static func abbreviate(_ program: String) -> String {
        let flat = oneLine(program)
        return flat.count <= 72 ? flat : String(flat.prefix(71)) + "…"
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }

    static func message(_ line: String, _ trailers: [String: String]) -> String {
        var text = oneLine(line) + "\n"
        if !trailers.isEmpty {
            text += "\n" + trailers.keys.sorted().map { "\($0): \(oneLine(trailers[$0]!))" }.joined(separator: "\n") + "\n"
        }
        return text
    }

    func tree(of commit: GitOID) throws -> GitOID {
        if let tree = trees[commit] { return tree }
        let tree = try buffer.repository.commitInfo(commit).tree
        trees[commit] = tree
        return tree
    }

    static func validate(runID: String) throws {
        let allowed = runID.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        guard !runID.isEmpty, allowed, !runID.hasPrefix("."), !runID.hasSuffix(".lock"), !runID.contains("..") else {
            throw ShellError(.recorder, "invalid run or branch name '\(runID)': use letters, digits, '-', '_' and '.'")
        }
    }

    static func validate(path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0 == ".git" }) else {
            throw ShellError(.recorder, "invalid recorded path '\(path)': use a relative path without '.', '..' or empty parts")
        }
    }

    /// The corpus commit under a run: the first-parent ancestor whose tree has no run folder.
    static func findBase(repository: GitRepository, head: GitOID, runID: String) throws -> GitOID {
        var commit = head
        while true {
            let info = try repository.commitInfo(commit)
            if try repository.listTree(commit, path: ".fsctx/runs/\(runID)") == nil { return commit }
            guard let parent = info.parents.first else { return commit }
            commit = parent
        }
    }
}
