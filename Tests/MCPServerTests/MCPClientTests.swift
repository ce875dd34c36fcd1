import Foundation
import Testing

extension EndToEndTests {
    /// `fsctx mcp` driven over stdio by an independent client: the official Python MCP SDK.
    @Suite("MCP server with the Python SDK client")
    struct MCPClientTests {
        @Test("initialize, tools, resource, grep, read, refused escapes, answer — all recorded in git")
        func pythonClientSession() throws {
            let corpus = try SampleCorpus()
            let fsctx = try TestPaths.fsctx.path
            let result = try execute(try TestPaths.python, [
                TestPaths.clientCheck, "--fsctx", fsctx, "--corpus", corpus.root.path, "--run", "py-client", "--pattern", "lamp",
            ])
            #expect(result.status == 0, "client check failed:\n\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "no report: \(result.stdout)")
            #expect(report["tools"] as? [String] == ["answer", "find", "grep", "ls", "python", "read", "sh"])
            let escapes = report["escape_messages"] as? [String] ?? []
            #expect(escapes.count == 3)
            #expect(escapes.allSatisfy { $0.contains("corpus") && !$0.contains("root:") })

            // The record, checked again with the git CLI from here.
            let log = try corpus.log("py-client")
            #expect(log.filter { $0.hasPrefix("step ") }.count == 9)
            #expect(log.last?.hasPrefix("materialize") == true, "the run's first commit sits on the corpus commit")
            #expect(log.contains { $0.hasPrefix("run py-client: mcp session with mcp-client:") })
            #expect(log.first?.hasPrefix("answer py-client (answered)") == true)
            let answer = try JSONSerialization.jsonObject(with: Data(try corpus.show("py-client", "answer.json").utf8)) as? [String: Any]
            #expect(answer?["stopReason"] as? String == "answered")
            #expect(answer?["steps"] as? Int == 9)
            let step = try corpus.show("py-client", "steps/0004.json")
            #expect(step.contains("\"mcp_tool\" : \"read\"") || step.contains("\"mcp_tool\":\"read\""), "step 4 is the refused read: \(step)")
            #expect(try gitCLI(["fsck", "--strict"], in: corpus.root).status == 0)

            // `fsctx log` lists the session as a run.
            let listed = try execute(fsctx, ["log", corpus.root.path, "--json"])
            #expect(listed.stdout.contains("\"strategy\" : \"mcp\"") && listed.stdout.contains("\"status\" : \"answered\""), "\(listed.stdout)")
        }

        @Test("SIGTERM (the MCP stdio shutdown) ends the session cleanly: the new run gets answer.json")
        func sigtermFinishesTheRun() throws {
            let corpus = try SampleCorpus()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try TestPaths.fsctx.path)
            process.arguments = ["mcp", corpus.root.path, "--run", "term"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            var pending = Data()
            func exchange(_ message: String, reply: Bool = true) -> String {
                input.fileHandleForWriting.write(Data((message + "\n").utf8))
                guard reply else { return "" }
                while !pending.contains(UInt8(ascii: "\n")) {
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    pending.append(chunk)
                }
                guard let end = pending.firstIndex(of: UInt8(ascii: "\n")) else { return String(decoding: pending, as: UTF8.self) }
                defer { pending = Data(pending[(end + 1)...]) }
                return String(decoding: pending[..<end], as: UTF8.self)
            }
            let initialized = exchange(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"#)
            #expect(initialized.contains(#""name":"fsctx""#), "\(initialized)")
            _ = exchange(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, reply: false)
            let listed = exchange(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"ls","arguments":{}}}"#)
            #expect(listed.contains("INDEX.md") && listed.contains(#""isError":false"#), "\(listed)")
            process.terminate()
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 0)
            #expect(try corpus.log("term").first == "answer term (no_answer): no answer")
        }
    }
}
