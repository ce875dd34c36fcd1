import FSContext
import Foundation
import MCP
import Shell

/// `fsctx mcp`: the Shell's tools (`sh`, `python`, `grep`, `read`, `ls`, `find`, `answer`) over
/// the Model Context Protocol, with the corpus's `INDEX.md` as a resource. The tools, their
/// descriptions and schemas come from `ToolCatalog.tools(subCalls:)`, the same source as
/// `fsctx tools --json`: they offer `llm`/`rlm`/`llm_query` only when the session has a model
/// for sub-calls (`fsctx mcp --model`). Every call goes to one `CorpusSession`, so it is
/// recorded as a step of the session's run.
public enum CorpusMCPServer {
    /// The URI of the `INDEX.md` resource.
    public static let indexURI = "fsctx://corpus/INDEX.md"

    /// Serves `session` on `transport` until the client disconnects (stdin closes for
    /// `StdioTransport`), then finishes the session (final `answer.json` of a new run).
    public static func serve(_ session: CorpusSession, on transport: any Transport) async throws {
        try await serve(session, on: transport, stopOn: nil)
    }

    static func serve(_ session: CorpusSession, on transport: any Transport, stopOn stopSignal: Int32?) async throws {
        let server = await makeServer(for: session)
        let stopper = stopSignal.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await server.stop() } }
            source.resume()
            return source
        }
        defer { stopper?.cancel() }
        do {
            try await server.start(transport: transport) { client, _ in
                await session.setClient(name: client.name, version: client.version)
            }
        } catch {
            throw MCPServerError(.transport, "cannot start the MCP server", underlying: error)
        }
        await server.waitUntilCompleted()
        await server.stop()
        if let error = await session.finish() { throw error }
    }

    /// Serves `session` on standard input and output (what MCP clients spawn) until stdin
    /// closes or SIGTERM comes (the MCP shutdown sequence for stdio servers); either way the
    /// session is finished, so a new run still gets its final `answer.json`.
    public static func serveStdio(_ session: CorpusSession) async throws {
        try await serve(session, on: ClientCapabilityTransport(StdioTransport()), stopOn: SIGTERM)
    }

    /// A server with the tool and resource handlers bound to `session` (not started).
    public static func makeServer(for session: CorpusSession) async -> Server {
        let instructions = "Tools over a read-only corpus (a directory tree in a git repository). Start by reading the "
            + "resource \(indexURI) (or `read INDEX.md`), then grep and read; give the final answer with the "
            + "`answer` tool. Every call is recorded as a git commit"
            + (session.runID.map { " on refs/fsctx/runs/\($0)" } ?? "") + "."
            + (session.offersSubCalls
                ? " The sh tool can call a model: `llm 'PROMPT' FILE` (one call), `llm --each 'PROMPT' FILE…` (one call per "
                    + "file, in parallel), `rlm 'QUESTION' FILE…` (a sub-agent with its own tools); python has llm_query, "
                    + "llm_query_batched and rlm_query. Each sub-call is recorded as a branch of the run."
                : "")
        let server = Server(
            name: "fsctx", version: FSContextVersion.current, title: "FSContext corpus tools", instructions: instructions,
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: ToolCatalog.tools(subCalls: session.offersSubCalls).map(\.mcpTool))
        }
        await server.withMethodHandler(CallTool.self) { params in
            let arguments = JSONValue.object((params.arguments ?? [:]).mapValues { JSONValue(mcp: $0) })
            let reply = await session.call(params.name, arguments: arguments)
            return CallTool.Result(content: [.text(text: reply.text, annotations: nil, _meta: nil)], isError: reply.isError)
        }
        await server.withMethodHandler(ListResources.self) { _ in
            guard let text = session.indexText() else { return ListResources.Result(resources: []) }
            return ListResources.Result(resources: [Resource(
                name: "INDEX.md", uri: indexURI, title: "Corpus index",
                description: "What the corpus is, how it is laid out, and a table of its files: read this first.",
                mimeType: "text/markdown", size: text.utf8.count)])
        }
        await server.withMethodHandler(ReadResource.self) { params in
            guard params.uri == indexURI else {
                throw MCPError.invalidParams("unknown resource '\(params.uri)'; this server has only \(indexURI) (read files with the read tool)")
            }
            guard let text = session.indexText() else {
                throw MCPError.invalidParams("this corpus has no INDEX.md; list it with the ls tool")
            }
            return ReadResource.Result(contents: [.text(text, uri: indexURI, mimeType: "text/markdown")])
        }
        return server
    }
}
