import FSContext
import Foundation
import Shell

extension Runner {
    /// The evidence for `answer` in what the run's agents read (`AnswerGrounding`), or nil
    /// when the run has no program steps to check (`direct`, `rag`: the corpus was in the
    /// prompt) or the corpus cannot be read. Flushes the recorder first, so the steps are on disk.
    static func ground(answer: String?, runID: String, corpusURL: URL, recorder: RunRecorder) async -> [AnswerEvidence]? {
        guard (try? await recorder.flush()) != nil,
              let steps = try? RunCatalog(repositoryAt: corpusURL).steps(runID),
              steps.contains(where: { $0.kind == "program" }),
              let corpus = try? CorpusRepository.open(at: corpusURL) else { return nil }
        return AnswerGrounding.evidence(answer: answer, steps: steps, corpus: corpus)
    }
}
