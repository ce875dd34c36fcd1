import Foundation
import Testing
@testable import FSContext

@Suite("GitRepository")
struct GitRepositoryTests {
    @Test("writes blobs, nested trees and commits that git fsck --strict accepts")
    func writeAndRead() throws {
        let dir = TemporaryDirectory()
        let repo = try GitRepository.create(at: dir.url, bare: true)
        let hello = try repo.writeBlob(text: "hello\n")
        let tree = try repo.writeTree(updating: nil, with: ["a/b/c.txt": .blob(hello), "top.txt": .blob(hello)])
        let first = try repo.writeCommit(tree: tree, parents: [], message: "first\n")
        try repo.updateReference("refs/heads/corpus", to: first, expected: .some(nil), logMessage: "init")

        let changed = try repo.writeTree(updating: tree, with: ["a/b/c.txt": .remove, "x/y.txt": .blob(hello)])
        let second = try repo.writeCommit(tree: changed, parents: [first], message: "second\n")
        try repo.updateReference("refs/heads/corpus", to: second, expected: .some(first), logMessage: "step")

        #expect(try repo.resolveReference("refs/heads/corpus") == second)
        #expect(try repo.readBlob(commit: second, path: "x/y.txt") == Array("hello\n".utf8))
        #expect(try repo.readBlob(commit: second, path: "a/b/c.txt") == nil)
        #expect(try repo.listTree(second)?.map(\.name) == ["top.txt", "x"])
        #expect(try repo.commitInfo(second).parents == [first])

        let fsck = try git(["fsck", "--strict"], in: dir.url)
        #expect(fsck.status == 0, "git fsck: \(fsck.stderr)")
        let cliTree = try git(["rev-parse", "corpus^{tree}"], in: dir.url).stdout
        #expect(cliTree.trimmingCharacters(in: .whitespacesAndNewlines) == changed.hex)
    }

    @Test("a stale compare-and-swap is refused as a conflict and the ref stays")
    func compareAndSwap() throws {
        let dir = TemporaryDirectory()
        let repo = try GitRepository.create(at: dir.url, bare: true)
        let tree = try repo.writeTree(updating: nil, with: [:])
        let a = try repo.writeCommit(tree: tree, parents: [], message: "a\n")
        let b = try repo.writeCommit(tree: tree, parents: [a], message: "b\n")
        try repo.updateReference("refs/fsctx/runs/x", to: a, logMessage: "a")
        #expect(throws: FSContextError.self) {
            try repo.updateReference("refs/fsctx/runs/x", to: b, expected: .some(b), logMessage: "stale")
        }
        #expect(try repo.resolveReference("refs/fsctx/runs/x") == a)
        #expect(try repo.references(withPrefix: "refs/fsctx/").map(\.name) == ["refs/fsctx/runs/x"])
        #expect(repo.config("gc.auto") == "0")
    }
}

@Suite("JSONValue")
struct JSONValueTests {
    @Test("round-trips and prints whole numbers without a fraction, keys sorted")
    func roundTrip() throws {
        let value: JSONValue = ["b": 2, "a": [true, nil, "x", 1.5]]
        #expect(value.jsonText == #"{"a":[true,null,"x",1.5],"b":2}"#)
        #expect(JSONValue(parsing: value.jsonText) == value)
        #expect(JSONValue(parsing: "{not json") == nil)
        #expect(value["b"]?.intValue == 2)
    }
}
