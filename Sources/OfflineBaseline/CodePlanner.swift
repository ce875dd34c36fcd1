/// The offline model's plan for a `CodeQuestion`: grep the declaration with an extended
/// regex, read the lines after it when the answer is in the body or signature, then answer.
struct CodePlanner: Sendable {
    let question: CodeQuestion

    func decide(_ transcript: OfflineTranscript) -> OfflinePlanner.Decision {
        let grep = question.declarationGrep
        guard let search = transcript.actions.first(where: { $0.program == grep }) else {
            return .run(program: grep, note: "find the declaration", confidence: 40)
        }
        let hits = EvidenceLine.parseGrep(search.output).filter { hit in
            guard let wanted = question.path, let path = hit.path else { return true }
            let found = CodeQuestion.normalized(path)
            return found == wanted || found.hasSuffix("/" + wanted) || wanted.hasSuffix("/" + found)
        }
        guard let hit = hits.first, let path = hit.path, let line = hit.line else {
            return .answer(text: OfflinePlanner.notFound, confidence: 5)
        }
        let files = Set(hits.compactMap(\.path))
        switch question {
        case .definingFile:
            return .answer(text: CodeQuestion.normalized(path), confidence: files.count == 1 ? 85 : 55)
        case .parameters(let function, _):
            guard let text = readText(transcript, path: path, from: line) else {
                return .run(program: "read \(OfflinePlanner.quote(path)) \(line) \(line + 40)", note: "read the signature of \(function)", confidence: 60)
            }
            guard let parameters = CodeReader.parameters(of: function, in: text, path: path) else {
                return .answer(text: OfflinePlanner.notFound, confidence: 5)
            }
            return .answer(text: parameters.isEmpty ? "(none)" : parameters.joined(separator: ", "), confidence: 75)
        case .enumCaseCount(let name, _):
            guard let text = readText(transcript, path: path, from: line) else {
                return .run(program: "read \(OfflinePlanner.quote(path)) \(line) \(line + 200)", note: "read the body of \(name)", confidence: 60)
            }
            guard let count = CodeReader.enumCaseCount(in: text, path: path) else {
                return .answer(text: OfflinePlanner.notFound, confidence: 5)
            }
            return .answer(text: String(count), confidence: 70)
        }
    }

    /// The text read from `path` starting at `line`, when such a read was done.
    private func readText(_ transcript: OfflineTranscript, path: String, from line: Int) -> String? {
        for action in transcript.actions {
            guard let read = OfflinePlanner.readArguments(action.program), read.path == path, read.start == line else { continue }
            return EvidenceLine.parseNumbered(action.output, path: path).map(\.text).joined(separator: "\n")
        }
        return nil
    }
}
