import Foundation
import Testing
@testable import Shell

@Suite struct ShellLanguageTests {
    let corpus: CorpusFixture
    init() throws { corpus = try CorpusFixture() }

    func check(_ program: String, _ output: String, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await corpus.run(program)
        #expect(result.output == output, sourceLocation: sourceLocation)
        #expect(result.exitStatus == status, sourceLocation: sourceLocation)
    }

    @Test func pipesSequencesAndConditionals() async throws {
        try await check("grep -rn magic docs | wc -l", "3\n")
        try await check("echo a; echo b", "a\nb\n")
        try await check("false && echo no; true || echo no; false || echo yes", "yes\n")
        try await check("grep -q nope docs/0002-beta.txt", "", status: 1)
        try await check("! grep -q nope docs/0002-beta.txt", "")
        try await check("grep -c magic docs/0001-alpha.txt | sort -n", "2\n")
        try await check("echo $?; false; echo $?", "0\n1\n")
    }

    @Test func quotingVariablesAndSubstitution() async throws {
        try await check("x='a  b'; echo $x; echo \"$x\"", "a b\na  b\n")
        try await check("echo 'it''s' \"a\\\"b\" c\\ d", "its a\"b c d\n")
        try await check("n=$(grep -c magic docs/0001-alpha.txt); echo \"n=$n\"", "n=2\n")
        try await check("echo `echo back`", "back\n")
        try await check("echo ${HOME}x", "x\n")
        try await check("f=docs/0002-beta.txt; head -n 1 $f", "nothing here\n")
    }

    @Test func loopsGlobsAndIf() async throws {
        try await check("for f in docs/*.txt; do echo $f; done", "docs/0001-alpha.txt\ndocs/0002-beta.txt\n")
        try await check("for w in a b c; do echo -n $w; done; echo", "abc\n")
        try await check("echo docs/*.nothing", "docs/*.nothing\n")
        try await check("echo 'docs/*.txt'", "docs/*.txt\n")
        try await check("cat docs/0002-beta.txt | while read line; do echo \"> $line\"; done",
                        "> nothing here\n> still nothing\n> the end\n")
        try await check("if grep -q xyzzy docs/*.txt; then echo found; else echo missing; fi", "found\n")
        try await check("for f in $(ls docs); do echo $f; done", "0001-alpha.txt\n0002-beta.txt\nsub/\n")
    }

    @Test func redirectionsGoToScratchOnly() async throws {
        let session = try corpus.session()
        var result = await session.run("grep -rl magic docs > scratch/hits.txt; echo more >> scratch/hits.txt; cat scratch/hits.txt")
        #expect(result.output == "docs/0001-alpha.txt\ndocs/sub/0003-gamma.md\nmore\n")
        result = await session.run("echo x > docs/new.txt")
        #expect(result.exitStatus == 1)
        #expect(result.output.contains("the corpus is read-only; write to scratch/"))
        #expect(!FileManager.default.fileExists(atPath: corpus.root.appendingPathComponent("docs/new.txt").path))
        result = await session.run("ls")
        #expect(result.output.contains("scratch/"))
        result = await session.run("cat < docs/0002-beta.txt | head -1; cat nope 2>/dev/null; echo done")
        #expect(result.output == "nothing here\ndone\n")
    }

    @Test func errorsAndStatuses() async throws {
        let unknown = try await corpus.run("frobnicate -c 'print(1)'")
        #expect(unknown.exitStatus == 127)
        #expect(unknown.output.hasPrefix("fsctx-sh: frobnicate: command not found (available: [, answer, budget, cat,"))
        let syntax = try await corpus.run("echo 'unterminated")
        #expect(syntax.exitStatus == 2)
        #expect(syntax.output.contains("matching"))
        let missing = try await corpus.run("cat nope.txt")
        #expect(missing.output == "cat: nope.txt: No such file or directory\n")
        #expect(missing.exitStatus == 1)
        try await check("for x in; do echo; done", "")
        let badFlag = try await corpus.run("grep -Z x docs")
        #expect(badFlag.exitStatus == 2)
        #expect(badFlag.output.hasPrefix("grep: invalid option -- 'Z'"))
    }

    @Test func outputBudgetCutsWithANotice() async throws {
        let result = try await corpus.run("for i in 1 2 3 4 5 6 7 8 9 10; do cat docs/0001-alpha.txt; done",
                                          limits: ShellLimits(maxOutputBytes: 100))
        #expect(result.truncatedBytes == 10 * 64 - 100)
        #expect(result.output.hasPrefix("The magic word is xyzzy.\nA second line.\n"))
        #expect(result.output.contains("[fsctx: output cut at 100 bytes; 540 more bytes"))
        #expect(result.output.contains("grep -m N"))
    }

    @Test func toolsReadHeadTailSedNlCut() async throws {
        try await check("read docs/0001-alpha.txt 2 3", "2\tA second line.\n3\tmagic again, MAGIC loud\n")
        try await check("read docs/0001-alpha.txt 9 10", "read: docs/0001-alpha.txt has only 3 lines\n", status: 1)
        try await check("sed -n '2,3p' docs/0002-beta.txt", "still nothing\nthe end\n")
        try await check("sed -n '$p' docs/0002-beta.txt", "the end\n")
        try await check("tail -n +2 docs/0002-beta.txt | head -1", "still nothing\n")
        try await check("echo 'a:b:c' | cut -d: -f2-", "b:c\n")
        try await check("find docs -type f -name '*.md'", "docs/sub/0003-gamma.md\n")
        try await check("find . -type d", ".\n./docs\n./docs/sub\n")
        try await check("ls docs/sub", "0003-gamma.md\n")
    }

    @Test func answerAndSubCalls() async throws {
        let session = try corpus.session()
        var result = await session.run("grep -o 'xyzzy' docs/0001-alpha.txt | answer --confidence 90")
        #expect(result.answer == "xyzzy")
        #expect(result.answerConfidence == 90)
        #expect(await session.answer == "xyzzy")
        result = await session.run("llm 'summarize' docs/0001-alpha.txt")
        #expect(result.exitStatus == 1)
        #expect(result.output == "fsctx-sh: llm: sub-calls need a model (inside fsctx run --strategy rlm, or fsctx mcp --model SPEC)\n")

        let withModel = try corpus.session(subcalls: EchoSubCalls())
        result = await withModel.run("llm --each 'first word' docs/*.txt")
        #expect(result.output == "==> docs/0001-alpha.txt <==\nfirst word: The\n==> docs/0002-beta.txt <==\nfirst word: nothing\n")
        result = await withModel.run("cat docs/0002-beta.txt | rlm 'who'")
        #expect(result.output == "rlm who: nothing\n")
    }
}

/// A stand-in for the model: answers with the prompt and the input's first word.
struct EchoSubCalls: SubCallHandler {
    func llm(prompt: String, input: String) async throws -> String {
        "\(prompt): \(input.split(separator: " ").first ?? "")"
    }
    func rlm(question: String, input: String) async throws -> String {
        "rlm \(question): \(input.split(separator: " ").first ?? "")"
    }
}
