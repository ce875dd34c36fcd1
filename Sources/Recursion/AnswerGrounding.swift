import FSContext
import Foundation

/// Whether an answer rests on what the agent read: the lines of `read`/`grep`/`cat`/`sed`
/// output that contain the answer, each mapped to its corpus file and line and, through the
/// corpus manifest (`CorpusRepository.provenance`), to its source and byte range.
///
/// A line contains the answer when its normalized text contains the normalized answer
/// (`AnswerNormalizer`), or, for an answer that is a sentence, every number of it. A line is
/// placed by its own `path:line:` prefix (grep), a `N<tab>` or `N→` prefix (read, nl, cat -n,
/// Claude Code's Read) in the one corpus file the program names, or by finding its text in that file.
public enum AnswerGrounding {
    /// At most this many lines are kept.
    public static let limit = 20

    /// The evidence for `answer` among `steps`' outputs, in step order.
    public static func evidence(answer: String?, steps: [RunStep], corpus: CorpusRepository) -> [AnswerEvidence] {
        guard let answer else { return [] }
        let needle = AnswerNormalizer.normalize(answer)
        guard !needle.isEmpty else { return [] }
        let numbers = needle.split(separator: " ").filter { $0.first?.isNumber == true }.map(String.init)
        let files = Set((try? corpus.listFiles()) ?? [])
        var found: [AnswerEvidence] = []
        var seen: Set<String> = []
        var fileLines: [String: [Substring]] = [:]
        for step in steps where step.kind == "program" {
            guard let output = step.output, !output.isEmpty else { continue }
            let named = namedFiles(step, files: files)
            for raw in output.split(separator: "\n") {
                guard let placed = place(String(raw), named: named, files: files) else { continue }
                guard contains(placed.text, needle: needle, numbers: numbers) else { continue }
                var line = placed.line
                if line == nil, let path = placed.path {
                    if fileLines[path] == nil {
                        fileLines[path] = ((try? corpus.readText(path: path)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                    }
                    line = fileLines[path]?.firstIndex { $0 == placed.text }.map { $0 + 1 }
                }
                guard let path = placed.path, let line, seen.insert("\(path):\(line)").inserted else { continue }
                var evidence = AnswerEvidence(step: step.number, agent: step.agent, path: path, line: line, text: placed.text)
                if let location = try? corpus.provenance(path: path, line: line) {
                    evidence.source = location.source
                    evidence.sourceLine = location.line
                    evidence.sourceBytes = [location.byteOffset, location.byteOffset + placed.text.utf8.count]
                    evidence.documentID = location.documentID
                }
                found.append(evidence)
                if found.count >= limit { return found }
            }
        }
        return found
    }

    static func contains(_ text: String, needle: String, numbers: [String]) -> Bool {
        let line = " " + AnswerNormalizer.normalize(text) + " "
        if line.contains(" " + needle + " ") { return true }
        guard needle.contains(" "), !numbers.isEmpty else { return false }
        return numbers.allSatisfy { line.contains(" " + $0 + " ") }
    }

    /// A line of output: its corpus path and line when it says them, and its text.
    static func place(_ raw: String, named: [String], files: Set<String>) -> (path: String?, line: Int?, text: String)? {
        if let match = raw.wholeMatch(of: /(?:\.\/)*([^:\s][^:]*):(\d+)[:-](.*)/), files.contains(String(match.1)) {
            return (String(match.1), Int(match.2), String(match.3))
        }
        let only = named.count == 1 ? named[0] : nil
        if let match = raw.wholeMatch(of: /\s*(\d+)(?:\t|→)(.*)/) { return (only, Int(match.1), String(match.2)) }
        if let match = raw.wholeMatch(of: /(\d+)[:-](.*)/), only != nil { return (only, Int(match.1), String(match.2)) }
        return only.map { ($0, nil, raw) }
    }

    /// The corpus files a program names (words of it, absolute paths under the corpus taken relative).
    static func namedFiles(_ step: RunStep, files: Set<String>) -> [String] {
        var words = (step.program ?? "").split(whereSeparator: { " \t\n|;&<>()'\"".contains($0) }).map(String.init)
        words += step.record["corpus_files"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var named: [String] = []
        for word in words {
            var path = word
            while path.hasPrefix("./") { path.removeFirst(2) }
            if files.contains(path), !named.contains(path) { named.append(path) }
        }
        return named
    }
}
