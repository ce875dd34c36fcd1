import Foundation

/// A rule that picks one of K recorded candidates — SRLM's and its ablations (the paper's
/// signal study), all computable from the records without a new model call.
public enum SelectionRule: String, Sendable, Codable, CaseIterable {
    /// Self-consistency alone: the largest answer group (ties: the group answered first), its
    /// first member.
    case majority
    /// The largest VC alone, over every candidate that answered.
    case vc
    /// The shortest Len alone (fewest own reasoning + output tokens).
    case len
    /// The largest s = VC·Len over every candidate that answered (no majority filter).
    case vcLen = "vc-len"
    /// SRLM: the majority filter, then the largest s = VC·Len.
    case srlm
    /// An upper bound, not a rule: right when any candidate is right.
    case oracle

    /// Index (into `scores`' `index` values) of the candidate this rule picks, or nil when no
    /// candidate answered. `oracle` has no pick of its own (it needs the truth): nil.
    public func pick(_ scores: [SRLMCandidateScore]) -> Int? {
        let answered = scores.filter { $0.group != nil }
        switch self {
        case .majority:
            return SRLMSelection.majorityGroup(answered, tieBreak: .firstIndex)?.members.min { $0.index < $1.index }?.index
        case .vc: return SRLMSelection.best(answered, by: \.verbalizedConfidence)?.index
        case .len: return SRLMSelection.best(answered, by: { -Double($0.length) })?.index
        case .vcLen: return SRLMSelection.best(answered, by: \.score)?.index
        case .srlm:
            guard let majority = SRLMSelection.majorityGroup(answered, tieBreak: .bestScore) else { return nil }
            return SRLMSelection.best(majority.members, by: \.score)?.index
        case .oracle: return nil
        }
    }

    /// The score of this rule's outcome, given each candidate's score (by candidate index):
    /// the picked candidate's, or for `oracle` the best of all; 0 when nothing was picked.
    public func outcome(_ scores: [SRLMCandidateScore], correctness: [Int: Double]) -> Double {
        if self == .oracle { return scores.compactMap { correctness[$0.index] }.max() ?? 0 }
        return pick(scores).flatMap { correctness[$0] } ?? 0
    }
}
