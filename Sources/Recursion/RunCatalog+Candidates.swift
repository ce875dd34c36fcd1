import FSContext
import Foundation

extension RunCatalog {
    /// The SRLM candidates recorded in run `id`'s `selection.json`, in candidate order; nil when
    /// the run has no selection (it is not an `srlm` run, or it ended before selecting).
    public func candidates(_ id: String) throws -> [SRLMCandidateSummary]? {
        guard let record = try selection(id), let scores = record["selection"]?["scores"] else { return nil }
        do {
            return try scores.decoded(as: [SRLMCandidateScore].self).sorted { $0.index < $1.index }.map(\.summary)
        } catch {
            throw RecursionError(.badInput, "run \(id): selection.json lacks per-turn ν and candidate answers (an older fsctx wrote it); run it again to re-select it")
        }
    }
}
