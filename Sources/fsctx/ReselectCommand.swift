import ArgumentParser
import Bench
import Foundation
import Recursion

/// `fsctx reselect`: SRLM's selection and its ablations recomputed from recorded candidates.
struct ReselectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reselect",
        abstract: "Re-select recorded SRLM candidates under every rule, for every K' ≤ K, with no model call.",
        discussion: """
        fsctx reselect --results results.jsonl [--json]
        fsctx reselect <repo> [<run>…] [--expected ANSWER] [--json]
        Rules: majority (self-consistency alone), vc (largest VC), len (shortest Len), vc-len (largest \
        VC·Len, no majority filter), srlm (majority filter, then VC·Len), oracle (right when any candidate \
        is). Each accuracy is averaged over every K'-subset of a run's K candidates (a fixed sample of \
        \(Reselection.maxSubsets) when there are more), then over runs. With --results the candidates \
        are scored by the bench's scorer; with a repository, --expected scores a candidate right when \
        its answer and ANSWER agree (normalized, whole-word containment); without it the table shows \
        each rule's pick at full K.
        """
    )

    @Argument(help: "A corpus repository and SRLM run ids (all its srlm runs when none is named).")
    var runs: [String] = []
    @Option(help: "Result files (JSONL) from `fsctx bench`; repeatable.")
    var results: [String] = []
    @Option(help: "With a repository: the right answer, to score each candidate.")
    var expected: String?
    @Flag(help: "Print JSON rows instead of a table.")
    var json = false

    func run() async throws {
        do {
            if !results.isEmpty {
                guard runs.isEmpty else { throw BenchError(.badInput, "pass either --results files or <repo> <run>…, not both") }
                let set = try BenchResultSet(contentsOf: results.map { URL(fileURLWithPath: $0) })
                let reselection = BenchReselection(results: set.rows)
                guard !reselection.rows.isEmpty else {
                    throw BenchError(.badInput, "no result row records SRLM candidates; run `fsctx bench … --strategies srlm` first")
                }
                print(json ? JSONOutput.text(reselection.rows) : reselection.table(), terminator: json ? "\n" : "")
                return
            }
            guard let repo = runs.first else {
                throw BenchError(.badInput, "nothing to re-select: pass --results results.jsonl or <repo> [<run>…]")
            }
            try reselectRuns(repo: repo, ids: Array(runs.dropFirst()))
        } catch {
            throw BenchCLI.fail("reselect", error)
        }
    }

    private func reselectRuns(repo: String, ids: [String]) throws {
        do {
            let catalog = try RunCatalog(repositoryAt: URL(fileURLWithPath: repo))
            let chosen = ids.isEmpty ? try catalog.list().filter { $0.strategy == "srlm" }.map(\.id) : ids
            var recorded: [(id: String, candidates: [SRLMCandidateSummary])] = []
            for id in chosen {
                guard let candidates = try catalog.candidates(id) else {
                    if ids.isEmpty { continue }
                    throw BenchError(.badInput, "run \(id) has no SRLM selection (not an srlm run, or it ended before selecting)")
                }
                recorded.append((id, candidates))
            }
            guard !recorded.isEmpty else { throw BenchError(.badInput, "no srlm run with a selection in \(repo)") }
            if let expected {
                let reselection = Reselection.rows(recorded.map { run in
                    RecordedCandidates(series: "srlm", candidates: run.candidates,
                                       correctness: run.candidates.map { AnswerGroups.agree($0.answer, expected) ? 1 : 0 })
                })
                print(json ? JSONOutput.text(reselection) : BenchReselection(rows: reselection).table(), terminator: json ? "\n" : "")
                return
            }
            let picks = recorded.map { run in
                RunPicks(run: run.id, candidates: run.candidates.count, picks: Dictionary(uniqueKeysWithValues:
                    SelectionRule.allCases.filter { $0 != .oracle }.map { rule in
                        (rule.rawValue, rule.pick(SRLMSelection.scores(run.candidates)).map { run.candidates[$0].answer } ?? "")
                    }))
            }
            print(json ? JSONOutput.text(picks) : RunPicks.table(picks), terminator: json ? "\n" : "")
        } catch let error as RecursionError {
            throw BenchError(.badInput, error.message)
        }
    }
}

/// What each rule picks among one run's candidates (no truth given).
struct RunPicks: Encodable {
    var run: String
    var candidates: Int
    var picks: [String: String]

    static func table(_ runs: [RunPicks]) -> String {
        let rules = SelectionRule.allCases.filter { $0 != .oracle }.map(\.rawValue)
        var text = ""
        for run in runs {
            text += "\(run.run) (\(run.candidates) candidates)\n"
            for rule in rules { text += "  " + rule.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + (run.picks[rule] ?? "") + "\n" }
        }
        return text
    }
}
