import ArgumentParser
import Foundation
import Recursion

/// `--tool`, `--exit`, `--agent`, `--kind`, `--outside`, `--since`: pick steps by their trailers.
struct StepFilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only steps that ran this command or called this tool (Fsctx-Tool), e.g. grep.")
    var tool: String?

    @Option(name: .customLong("exit"), help: "Only program steps that exited with this status (Fsctx-Exit).")
    var exitStatus: Int?

    @Option(name: .long, help: "Only steps of this agent and its sub-agents (Fsctx-Agent), e.g. root/c3.")
    var agent: String?

    @Option(name: .long, help: "Only steps of this kind: model, program or note (Fsctx-Kind).")
    var kind: String?

    @Flag(name: .long, help: "Only steps that ran outside fsctx's tools (Fsctx-Outside, from imported logs).")
    var outside = false

    @Option(name: .long, help: "Only runs started since this time: 2026-11-30, 2026-11-30T10:00, or 2h, 3d back from now.")
    var since: String?

    /// The filter, or a one-line error for a bad `--since` or `--kind`.
    func filter() throws -> StepFilter {
        var parsedSince: Double?
        if let since {
            guard let value = StepFilter.parseSince(since) else {
                throw ValidationError("cannot read --since '\(since)': use a date like 2026-11-30 or 2026-11-30T10:00, or a duration like 2h or 3d")
            }
            parsedSince = value
        }
        if let kind, !["model", "program", "note"].contains(kind) { throw ValidationError("--kind must be model, program or note, not '\(kind)'") }
        return StepFilter(tool: tool, exitStatus: exitStatus, agent: agent, kind: kind, outsideOnly: outside, since: parsedSince)
    }
}
