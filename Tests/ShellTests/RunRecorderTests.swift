import FSContext
import Foundation
import Testing
@testable import Shell

@Suite struct RunRecorderTests {
    let corpus: CorpusFixture
    init() throws { corpus = try CorpusFixture() }

    @Test func eachProgramIsOneCommitWithStepJSONAndScratch() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "r1", base: corpus.commit)
        let session = try corpus.session(recorder: recorder)
        let first = await session.run("grep -rn magic docs | head -2")
        let second = await session.run("grep -l magic docs/*.txt > scratch/notes/hits.txt; echo ok")
        try await recorder.flush()
        let head = try #require(try corpus.repository.resolveReference("refs/fsctx/runs/r1"))
        #expect(head == second.recordedCommit)
        let info = try corpus.repository.commitInfo(head)
        #expect(info.parents == [first.recordedCommit!])
        #expect(try corpus.repository.commitInfo(first.recordedCommit!).parents == [corpus.commit])
        #expect(info.message.hasPrefix("step 2 grep -l magic docs/*.txt > scratch/notes/hits.txt; echo ok → 1 line\n\n"))
        #expect(info.message.contains("Fsctx-Exit: 0\n") && info.message.contains("Fsctx-Tool: echo,grep\n"))
        let firstMessage = try corpus.repository.commitInfo(first.recordedCommit!).message
        #expect(firstMessage.hasPrefix("step 1 grep -rn magic docs | head -2 → 2 lines\n"))
        let step = try #require(try corpus.repository.readBlob(commit: head, path: ".fsctx/runs/r1/steps/0001.json"))
        let json = try #require(JSONValue(parsing: String(decoding: step, as: UTF8.self)))
        #expect(json["program"]?.stringValue == "grep -rn magic docs | head -2")
        #expect(json["output"]?.stringValue == first.output)
        #expect(json["exit_status"]?.intValue == 0)
        let scratch = try corpus.repository.readBlob(commit: head, path: ".fsctx/runs/r1/scratch/notes/hits.txt")
        #expect(scratch.map { String(decoding: $0, as: UTF8.self) } == "docs/0001-alpha.txt\n")
        // The corpus is still in the tree, shared by id.
        #expect(try corpus.repository.readBlob(commit: head, path: "INDEX.md") != nil)
        try fsck()
    }

    @Test func branchesAndMergesDrawAGraph() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "r2", base: corpus.commit)
        let start = try await recorder.commit(on: recorder.main, files: ["run.json": Array("{}".utf8)], message: "run start")
        let a = try await recorder.branch(from: start, name: "candidate-1")
        let b = try await recorder.branch(from: start, name: "candidate-2")
        let sessionA = try corpus.session(recorder: recorder)
        _ = sessionA
        try await recorder.recordStep(ShellStepRecord(program: "grep a", output: "", exitStatus: 1, durationSeconds: 0, startedAt: 0, tools: ["grep"]), on: a)
        try await recorder.recordStep(ShellStepRecord(program: "grep b", output: "x\n", exitStatus: 0, durationSeconds: 0, startedAt: 0, tools: ["grep"]), on: b)
        try await recorder.recordStep(ShellStepRecord(program: "grep c", output: "", exitStatus: 1, durationSeconds: 0, startedAt: 0, tools: ["grep"]), on: a)
        let merge = try await recorder.merge([a, b], into: recorder.main, files: ["selection.json": Array("{\"pick\":2}".utf8)],
                                             message: "select candidate-2", trailers: ["Fsctx-Selected": "candidate-2"])
        try await recorder.flush()
        let info = try corpus.repository.commitInfo(merge)
        #expect(info.parents.count == 3)
        let steps = try #require(try corpus.repository.listTree(merge, path: ".fsctx/runs/r2/steps")).map(\.name)
        #expect(steps == ["0001.json", "0002.json", "0003.json"])
        #expect(try corpus.repository.readBlob(commit: merge, path: ".fsctx/runs/r2/selection.json") != nil)
        let graph = try git(["log", "--graph", "--oneline", "refs/fsctx/runs/r2"], in: corpus.root).stdout
        #expect(graph.contains("select candidate-2") && graph.contains("|\\"))
        try fsck()
    }

    @Test func appendingContinuesNumbering() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "r3", base: corpus.commit)
        _ = await (try corpus.session(recorder: recorder)).run("echo one")
        try await recorder.flush()
        #expect(throws: ShellError.self) { try RunRecorder(repository: corpus.repository, runID: "r3", base: corpus.commit) }
        let reopened = try RunRecorder.open(repository: corpus.repository, runID: "r3")
        #expect(reopened.base == corpus.commit)
        let result = await (try corpus.session(recorder: reopened)).run("echo two")
        try await reopened.flush()
        let message = try corpus.repository.commitInfo(result.recordedCommit!).message
        #expect(message.hasPrefix("step 2 echo two → 1 line"))
        #expect(throws: ShellError.self) { try RunRecorder(repository: corpus.repository, runID: "bad/id", base: corpus.commit) }
        try fsck()
    }

    @Test func concurrentWritersGetUniqueSteps() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "r4", base: corpus.commit)
        let start = try await recorder.commit(on: recorder.main, files: [:], message: "start")
        let branches = try await (0..<4).asyncMap { try await recorder.branch(from: start, name: "sub-\($0)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for branch in branches {
                group.addTask {
                    for index in 0..<5 {
                        try await recorder.recordStep(ShellStepRecord(program: "echo \(index)", output: "\(index)\n", exitStatus: 0,
                                                                      durationSeconds: 0, startedAt: 0, tools: ["echo"]), on: branch)
                    }
                }
            }
            try await group.waitForAll()
        }
        let merge = try await recorder.merge(branches, into: recorder.main, message: "join")
        try await recorder.flush()
        #expect(try corpus.repository.listTree(merge, path: ".fsctx/runs/r4/steps")?.count == 20)
        try fsck()
    }

    @Test func recordersOfSeveralRunsFlushIntoOneRepositoryAtOnce() async throws {
        let recorders = try (0..<4).map { try RunRecorder(repository: corpus.repository, runID: "par\($0)", base: corpus.commit) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for recorder in recorders {
                group.addTask {
                    for step in 0..<20 {
                        try await recorder.commit(on: recorder.main, files: ["steps/\(step).json": Array("{}".utf8)], message: "step \(step)")
                        try await recorder.flush()
                    }
                }
            }
            try await group.waitForAll()
        }
        for index in 0..<4 {
            let head = try #require(try corpus.repository.resolveReference("refs/fsctx/runs/par\(index)"))
            #expect(try corpus.repository.listTree(head, path: ".fsctx/runs/par\(index)/steps")?.count == 20)
        }
        try fsck()
    }

    @Test func manyFlushesAreConsolidatedIntoOnePack() async throws {
        let packs = corpus.repository.gitDirectory.appendingPathComponent("objects/pack")
        func packCount() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: packs.path).filter { $0.hasSuffix(".pack") }.count }
        let reader = try GitRepository.open(at: corpus.root)   // a handle that saw the small packs
        let recorder = try RunRecorder(repository: corpus.repository, runID: "many", base: corpus.commit)
        var commits: [GitOID] = []
        for step in 0..<(GitPackBuffer.smallPackLimit + 10) {
            commits.append(try await recorder.commit(on: recorder.main, files: ["steps/\(step).json": Array("{\"n\":\(step)}".utf8)],
                                                     message: "step \(step)"))
            try await recorder.flush()
            if step == 5 { #expect(try reader.commitInfo(commits[3]).message.hasPrefix("step 3")) }
        }
        #expect(try packCount() < 16, "small packs were not consolidated")
        for (step, commit) in commits.enumerated() {
            #expect(try reader.readBlob(commit: commit, path: ".fsctx/runs/many/steps/\(step).json") == Array("{\"n\":\(step)}".utf8))
        }
        #expect(!FileManager.default.fileExists(atPath: packs.appendingPathComponent("fsctx-consolidate.lock").path))
        try fsck()
    }

    @Test func eachCommitDurabilityMovesTheRefAtOnce() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "r5", base: corpus.commit, durability: .eachCommit)
        let result = await (try corpus.session(recorder: recorder)).run("echo now")
        #expect(try corpus.repository.resolveReference("refs/fsctx/runs/r5") == result.recordedCommit)
        try fsck()
    }

    @Test func batchedCommitsReachDiskAfterTheDelay() async throws {
        let recorder = try RunRecorder(repository: corpus.repository, runID: "r6", base: corpus.commit,
                                       durability: .batched(maxCommits: 1000, maxDelay: 0.05))
        let result = await (try corpus.session(recorder: recorder)).run("echo later")
        #expect(try corpus.repository.resolveReference("refs/fsctx/runs/r6") == nil)
        // No explicit flush: the scheduled one (50 ms) writes it; allow a loaded machine 5 s.
        for _ in 0..<100 where try corpus.repository.resolveReference("refs/fsctx/runs/r6") == nil {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(try corpus.repository.resolveReference("refs/fsctx/runs/r6") == result.recordedCommit)
        try fsck()
    }

    func fsck() throws {
        let result = try git(["fsck", "--strict", "--no-dangling"], in: corpus.root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
