import ArgumentParser
import Foundation
import MCPServer

/// `fsctx mcp`: serves the Shell's tools over MCP on stdio, every call recorded in git.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve a corpus's tools (grep, read, ls, find, sh, answer) over MCP on stdio, recorded as one run.",
        discussion: "Configure it in an MCP client as the command `fsctx mcp <repo>`. Each server session is one run, "
            + "refs/fsctx/runs/<id>; every tool call is a step (see `fsctx log`, `git log refs/fsctx/runs/<id>`). "
            + "With --model the sh and python tools can make model sub-calls (llm, llm --each, rlm, llm_query, "
            + "llm_query_batched, rlm_query) within the budget flags, each a branch of the run merged back "
            + "(`git log --graph`); the key comes from --api-key, FSCTX_SUBCALL_API_KEY, or OPENAI_API_KEY / ANTHROPIC_API_KEY.")

    @Argument(help: "The corpus repository (its checked-out work tree).")
    var repo: String

    @Option(name: .customLong("run"), help: "Record into this run: appended to when it exists, created otherwise (default: a new run).")
    var runID: String?

    @Option(help: "The question the client works on, for run.json.")
    var question: String = ""

    @Flag(name: .customLong("no-record"), help: "Do not record the calls in git.")
    var noRecord = false

    @Option(name: .customLong("max-output"), help: "Cut each call's output after this many bytes.")
    var maxOutput: Int = 20_000

    @OptionGroup var programOptions: ProgramOptions

    @OptionGroup var subCallModel: SubCallModelOptions

    @OptionGroup var budget: BudgetOptions

    func run() async throws {
        guard maxOutput > 0 else { throw ValidationError("--max-output must be a positive number of bytes") }
        do {
            let session = try CorpusSession(options: MCPSessionOptions(
                corpusRoot: URL(fileURLWithPath: repo), runID: runID, record: !noRecord, question: question,
                maxOutputBytes: maxOutput, programs: try programOptions.policy(),
                subCalls: try subCallModel.subCalls(budget: budget.budget)))
            try await CorpusMCPServer.serveStdio(session)
        } catch let error as MCPServerError {
            throw ValidationError("mcp: \(error.message)")
        }
    }
}
