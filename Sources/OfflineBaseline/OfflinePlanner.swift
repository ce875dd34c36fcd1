import Foundation
import SharedValues

/// The offline model's policy, recomputed from the transcript on every turn (so it is
/// stateless and deterministic): grep the key terms in a seed-dependent order, read around
/// promising hits, extract the value after the key phrase, follow chains of keys, and answer
/// with a verbalized confidence.
struct OfflinePlanner: Sendable {
    /// What to do next.
    enum Decision: Equatable, Sendable {
        /// Run a Shell program; `note` says why, for the log; `confidence` is how promising
        /// the plan looks so far (stated every step, as SRLM expects).
        case run(program: String, note: String, confidence: Double)
        /// Answer with a confidence in (0, 100], and the lines the answer came from.
        case answer(text: String, confidence: Double, evidence: [String] = [])
    }

    let analysis: QuestionAnalysis
    let seed: Int
    let maxSteps: Int
    let maxReads: Int = 3
    static let notFound = "I could not find the answer."

    /// Decides the next step for a transcript; without a Shell (`canSearch` false) it scans `promptText`.
    func decide(_ transcript: OfflineTranscript, canSearch: Bool) -> Decision {
        let extractor = AnswerExtractor(analysis: analysis)
        let evidence = canSearch ? Self.evidence(from: transcript.actions) : promptEvidence(transcript.promptText)
        let searched = Set(transcript.actions.compactMap { Self.grepTerm(in: $0.program)?.lowercased() })
        let atLimit = transcript.actions.count >= maxSteps

        // Chains: key → value → (value as key) → … until no new adjacent value.
        if analysis.isChain, var key = analysis.primary?.text {
            var hops: [AnswerCandidate] = []
            var visited: Set<String> = [key.lowercased()]
            while hops.count < 12 {
                guard let next = extractor.candidates(in: evidence, key: key, chain: true)
                    .first(where: { $0.adjacent && !visited.contains($0.value.lowercased()) }) else { break }
                hops.append(next)
                visited.insert(next.value.lowercased())
                if canSearch, !searched.contains(next.value.lowercased()), !atLimit {
                    return .run(program: Self.grep(next.value, wordMatch: false), note: "follow the chain: look up \(next.value)",
                                confidence: next.confidence.rounded())
                }
                key = next.value
            }
            if let last = hops.last {
                return .answer(text: last.value, confidence: hops.map(\.confidence).min() ?? last.confidence,
                               evidence: hops.map(\.source.text))
            }
        }

        // One or more keys (multi-key questions name several identifiers): a value for each.
        let keys = analysis.answerKeys
        let found = keys.map { key in extractor.candidates(in: evidence, key: key.text).filter(\.adjacent) }
        if !keys.isEmpty, found.allSatisfy({ !$0.isEmpty }) { return compose(found) }
        let candidates = extractor.candidates(in: evidence)
        if keys.isEmpty, let best = candidates.first(where: \.adjacent) { return compose([[best]]) }
        if canSearch && !atLimit {
            let missing = zip(keys, found).filter { $0.1.isEmpty }.map(\.0.folded)
            if let read = nextRead(evidence: evidence, reads: transcript.actions.filter { $0.program.hasPrefix("read ") }.count,
                                   missingKeys: missing, extractor: extractor, done: Self.readWindows(transcript.actions)) {
                return read
            }
            let satisfied = Set(zip(keys, found).filter { !$0.1.isEmpty }.map(\.0.folded))
            if let query = queries().first(where: { !searched.contains($0.term.lowercased()) && !satisfied.contains($0.term.lowercased()) }) {
                return .run(program: Self.grep(query.term, wordMatch: query.wordMatch), note: "search for \(query.term)",
                            confidence: evidence.isEmpty ? 30 : 25)
            }
        }
        if found.contains(where: { !$0.isEmpty }) { return compose(found.filter { !$0.isEmpty }, partial: true) }
        if let best = candidates.first {
            return .answer(text: best.value, confidence: best.confidence.rounded(), evidence: [best.source.text])
        }
        return .answer(text: Self.notFound, confidence: 5)
    }

    /// The answer from the values found per key: the best one each (all of them when the
    /// question asks for all), joined with ", "; the confidence is the weakest, lowered when
    /// some key had no value.
    private func compose(_ found: [[AnswerCandidate]], partial: Bool = false) -> Decision {
        var values: [String] = []
        var evidence: [String] = []
        for candidates in found {
            let inTextOrder = candidates.sorted { ($0.source.path ?? "", $0.source.line ?? 0) < ($1.source.path ?? "", $1.source.line ?? 0) }
            for candidate in analysis.wantsAll ? inTextOrder : Array(candidates.prefix(1)) where !values.contains(candidate.value) {
                values.append(candidate.value)
                if !evidence.contains(candidate.source.text) { evidence.append(candidate.source.text) }
            }
        }
        let confidence = (found.compactMap { $0.first?.confidence }.min() ?? 5) * (partial ? 0.5 : 1)
        return .answer(text: values.joined(separator: ", "), confidence: max(1, confidence.rounded()), evidence: evidence)
    }

    /// Search queries in plan order: terms by weight; a non-zero seed shuffles the top three and
    /// may switch on whole-word matching; hyphenated identifiers also get a space-separated variant.
    func queries() -> [(term: String, wordMatch: Bool)] {
        var terms = analysis.terms.map(\.text)
        var generator = SeededGenerator(signedSeed: seed)
        if seed != 0, terms.count > 1 {
            let head = Array(terms.prefix(3)).shuffled(using: &generator)
            terms.replaceSubrange(0..<min(3, terms.count), with: head)
        }
        let wordMatch = seed != 0 && Bool.random(using: &generator)
        var queries = terms.prefix(8).map { (term: $0, wordMatch: wordMatch) }
        for term in analysis.terms where term.kind == .identifier && term.text.contains("-") {
            queries.append((term.text.replacingOccurrences(of: "-", with: " "), false))
        }
        return queries
    }

    /// Reads around the most promising unread grep hit: one that contains a key still without
    /// a value, or that covers a third of the question's terms.
    private func nextRead(evidence: [EvidenceLine], reads: Int, missingKeys: [String], extractor: AnswerExtractor,
                          done: [(path: String, lines: ClosedRange<Int>)]) -> Decision? {
        guard reads < maxReads else { return nil }
        let hits = evidence.filter { hit in
            guard hit.isMatch, let path = hit.path, let line = hit.line else { return false }
            let lower = hit.text.lowercased()
            let relevant = missingKeys.contains { lower.contains($0) } || (missingKeys.isEmpty && extractor.termCoverage(hit.text) >= 0.34)
            return relevant && !done.contains { $0.path == path && $0.lines.contains(line) }
        }
        guard let best = hits.max(by: { extractor.termCoverage($0.text) < extractor.termCoverage($1.text) }),
              let path = best.path, let line = best.line else { return nil }
        return .run(program: "read \(Self.quote(path)) \(max(1, line - 5)) \(line + 15)", note: "read around \(path):\(line)",
                    confidence: 50)
    }

    /// Lines of the prompt that mention a key term (and the line after each, for values that
    /// continue on the next line); the question itself is left out.
    private func promptEvidence(_ text: String) -> [EvidenceLine] {
        let question = analysis.question.lowercased()
        let index = LineIndex(text)
        var keep = IndexSet()
        for term in analysis.terms {
            for line in index.lines(containing: term.folded) {
                let lower = index.line(line).lowercased().trimmingCharacters(in: .whitespaces)
                if lower.hasPrefix("question:") || (question.count > 10 && lower.contains(question)) { continue }
                keep.insert(line)
                if line + 1 < index.count { keep.insert(line + 1) }
            }
        }
        return keep.map { EvidenceLine(path: nil, line: $0 + 1, text: index.line($0), isMatch: false) }
    }

    static func evidence(from actions: [OfflineTranscript.Action]) -> [EvidenceLine] {
        actions.flatMap { action -> [EvidenceLine] in
            if action.program.hasPrefix("grep ") { return EvidenceLine.parseGrep(action.output) }
            if action.program.hasPrefix("read ") {
                return EvidenceLine.parseNumbered(action.output, path: readArguments(action.program)?.path)
            }
            return EvidenceLine.parsePlain(action.output)
        }
    }

    static func readWindows(_ actions: [OfflineTranscript.Action]) -> [(path: String, lines: ClosedRange<Int>)] {
        actions.compactMap { readArguments($0.program) }.map { ($0.path, $0.start...max($0.start, $0.end)) }
    }

    /// `read 'path' START END` → its parts.
    static func readArguments(_ program: String) -> (path: String, start: Int, end: Int)? {
        let words = ShellWords.split(program)
        guard words.count >= 4, words[0] == "read", let start = Int(words[2]), let end = Int(words[3]) else { return nil }
        return (words[1], start, end)
    }

    /// The `-e` pattern of one of our grep programs.
    static func grepTerm(in program: String) -> String? {
        let words = ShellWords.split(program)
        guard words.first == "grep", let e = words.firstIndex(of: "-e"), e + 1 < words.count else { return nil }
        return words[e + 1]
    }

    static func grep(_ term: String, wordMatch: Bool) -> String {
        "grep -rn -i\(wordMatch ? " -w" : "") -F -e \(quote(term)) . | head -40"
    }

    /// Single-quotes `text` for the Shell (`'` becomes `'\''`).
    static func quote(_ text: String) -> String { ShellWords.quote(text) }
}
