import FSContext
import Foundation

extension RunCatalog {
    /// The SRLM candidates recorded in run `id`'s `selection.json` that were not cancelled, in
    /// candidate order and indexed by their position in the result; nil when
    /// the run has no selection (it is not an `srlm` run, or it ended before selecting).
    public func candidates(_ id: String) throws -> [SRLMCandidateSummary]? {
        guard let record = try selection(id), let scores = record["selection"]?["scores"] else { return nil }
        do {
            return try scores.decoded(as: [SRLMCandidateScore].self).filter { $0.cancelled != true }
                .sorted { $0.index < $1.index }.enumerated().map { position, score in
                    var summary = score.summary
                    summary.index = position  // positions in the returned list
                    return summary
                }
        } catch {
            throw RecursionError(.badInput, "run \(id): selection.json lacks per-turn ν and candidate answers (an older fsctx wrote it); run it again to re-select it")
        }
    }
}
