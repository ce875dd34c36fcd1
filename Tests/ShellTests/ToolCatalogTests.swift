import FSContext
import Testing
@testable import Shell

@Suite struct ToolCatalogTests {
    @Test func toolCallsBecomePrograms() throws {
        #expect(try ToolCatalog.program(name: "read", arguments: ["path": "docs/a b.txt", "start": 3, "end": 9]).get()
            == "read 'docs/a b.txt' 3 9")
        #expect(try ToolCatalog.program(name: "grep", arguments: ["pattern": "it's"]).get() == "grep -rnH  -e 'it'\\''s' -- '.'")
    }

    @Test func malformedCallsAreValuesWithAMessage() {
        for (name, arguments): (String, JSONValue) in [
            ("read", [:]), ("read", ["path": 3]), ("nope", [:]), ("grep", ["pattern": "x", "bogus": "y"]),
            ("grep", ["pattern": "x", "flags": "; cat x"]), ("ls", "text"),
        ] {
            guard case .failure(let error) = ToolCatalog.program(name: name, arguments: arguments) else {
                Issue.record("\(name) \(arguments) was accepted")
                continue
            }
            #expect(!error.message.isEmpty)
        }
    }

    @Test func schemasListEveryTool() {
        let names = ToolCatalog.json.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["sh", "python", "grep", "read", "ls", "find", "answer"])
    }
}

/// The `python` function tool and fenced blocks become REPL programs.
@Suite struct PythonToolTests {
    @Test func pythonCallsBecomeHereDocuments() throws {
        let program = try ToolCatalog.program(name: "python", arguments: ["code": "print('a')\nFSCTX_PYTHON_END"]).get()
        #expect(program == "python <<'FSCTX_PYTHON_END_'\nprint('a')\nFSCTX_PYTHON_END\nFSCTX_PYTHON_END_")
        #expect(ToolCatalog.pythonProgram("x = 1\n") == "python <<'FSCTX_PYTHON_END'\nx = 1\nFSCTX_PYTHON_END")
    }
}

/// Without a model, tool descriptions do not advertise sub-calls.
@Suite struct SubCallAdvertisingTests {
    @Test func descriptionsFollowSubCallAvailability() {
        let without = ToolCatalog.tools(subCalls: false)
        let with = ToolCatalog.tools(subCalls: true)
        let shWithout = without.first { $0.name == "sh" }!.description
        #expect(!shWithout.contains("llm") && !shWithout.contains("rlm") && shWithout.contains("python"))
        #expect(with.first { $0.name == "sh" }!.description.contains("llm, ls"))
        #expect(!without.first { $0.name == "python" }!.description.contains("llm_query"))
        #expect(with.first { $0.name == "python" }!.description.contains("llm_query_batched"))
        #expect(without.map(\.name) == with.map(\.name))
    }

    @Test func everyFunctionToolButShIsABuiltin() {
        for tool in ToolCatalog.tools where tool.name != "sh" {
            #expect(Builtins.table[tool.name] != nil, "function tool \(tool.name) has no builtin")
        }
    }
}
