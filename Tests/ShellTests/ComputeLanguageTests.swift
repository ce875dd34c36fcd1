import Foundation
import Testing
@testable import Shell

/// What the differential tests cannot show: the computing language inside the sandbox.
@Suite struct ComputeLanguageTests {
    let corpus = try! CorpusFixture()

    @Test func fileTestsSeeOnlyTheSandbox() async throws {
        let session = try corpus.session()
        let outside = await session.run("[ -e /etc/passwd ]; echo $?; [[ -d .. ]]; echo $?; test -f ../outside/passwd; echo $?")
        #expect(outside.output == "1\n1\n1\n")
        let writable = await session.run("[ -w docs/0001-alpha.txt ]; echo $?; echo x > scratch/n.txt; [ -w scratch/n.txt ] && [ -s scratch/n.txt ]; echo $?")
        #expect(writable.output == "1\n0\n")
    }

    @Test func arithmeticKeepsStateAcrossPrograms() async throws {
        let session = try corpus.session()
        _ = await session.run("count=$(grep -c magic docs/0001-alpha.txt)")
        let result = await session.run("echo $((count * 10)); ((count++)); echo $count")
        #expect(result.output == "20\n3\n")
        let failed = await session.run("echo before; echo $((1/0)); echo never")
        #expect(failed.exitStatus == 1)
        #expect(failed.output == "before\nfsctx-sh: 1/0: division by 0 (error token is \"0\")\n")
    }

    @Test func sedRefusesInPlaceEditsAndNamesTheSubset() async throws {
        let inPlace = try await corpus.run("sed -i s/a/b/ docs/0001-alpha.txt")
        #expect(inPlace.exitStatus == 1)
        #expect(inPlace.output.contains("the corpus is read-only"))
        let unknown = try await corpus.run("sed 'a text' docs/0001-alpha.txt")
        #expect(unknown.exitStatus == 1)
        #expect(unknown.output.contains("supported: s y p d q Q ="))
    }

    @Test func hereDocumentWritesIntoScratch() async throws {
        let session = try corpus.session()
        let result = await session.run("n=2\ncat > scratch/notes.md <<EOF\nfound $n files\nEOF\ncat scratch/notes.md")
        #expect(result.output == "found 2 files\n")
    }

    @Test func xargsRunsBuiltinsOverFoundFiles() async throws {
        let result = try await corpus.run("find docs -name '*.txt' | sort | xargs grep -l magic")
        #expect(result.output == "docs/0001-alpha.txt\n")
    }
}
