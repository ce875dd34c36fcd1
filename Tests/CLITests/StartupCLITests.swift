import Foundation
import Testing

/// Start-up of the binary: libgit2 and libcurl are bound lazily (Sources/CLazyLoad), so a
/// `fsctx sh --no-record` never loads them, and the commands that use them still work.
@Suite struct StartupCLITests {
    /// The shared libraries a run of `fsctx arguments…` loaded, from the dynamic loader's own log.
    static func loadedLibraries(_ arguments: [String]) throws -> (status: Int32, stdout: String, libraries: [String]) {
        let result = try CLI.fsctx(arguments, environment: ["LD_DEBUG": "libs"])
        let libraries = result.stderr.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "calling init: ") else { return nil }
            return String(line[range.upperBound...])
        }
        return (result.status, result.stdout, libraries)
    }

    @Test func shellLoadsNeitherLibgit2NorLibcurl() throws {
        #if os(Linux) && arch(x86_64)
        let temp = TemporaryDirectory()
        let repo = try RunCLITests.corpus(temp)
        let grep = try Self.loadedLibraries(["sh", repo, "--no-record", "-c", "grep -rn wandering-heron ."])
        #expect(grep.status == 0 && grep.stdout.contains("7321890"), "\(grep.stdout)")
        #expect(!grep.libraries.isEmpty, "LD_DEBUG=libs printed no \"calling init\" lines")
        #expect(!grep.libraries.contains { $0.contains("libgit2") },
                "libgit2 is loaded at start-up: a libgit2 function has no stub; run scripts/lazy-stubs .build/debug/fsctx")
        // A --static-swift-stdlib build has no libFoundationNetworking.so, whose own dependency libcurl is.
        if !grep.libraries.contains(where: { $0.contains("libFoundationNetworking") }) {
            #expect(!grep.libraries.contains { $0.contains("libcurl") },
                    "libcurl is loaded at start-up: a libcurl function has no stub; run scripts/lazy-stubs .build/release/fsctx")
        }
        // Recording goes through libgit2: loaded on first use, and it works.
        let recorded = try Self.loadedLibraries(["sh", repo, "-c", "grep -rh 'numbers for wandering-heron' parts"])
        #expect(recorded.status == 0 && recorded.stdout.contains("7321890"), "\(recorded.stdout)")
        #expect(recorded.libraries.contains { $0.contains("libgit2") })
        #endif
    }
}
