// swift-tools-version:6.1
import PackageDescription

// FSContext: a workbench for long-context work by coding agents.
// Dependencies point down only (see DESIGN §2). The real graph (each arrow: "imports"):
//   fsctx     → MCPServer, Bench, Recursion, Shell, OfflineBaseline, Models, FSContext
//   MCPServer → Recursion, Shell, Models, FSContext, MCP (swift-sdk), Subprocess (swift-subprocess)
//   Bench     → Recursion, OfflineBaseline, Models, FSContext
//   Recursion → Shell, Models, FSContext
//   Shell     → FSContext, CPCRE2, CSearchKernels, CSandboxSpawn
//   OfflineBaseline → Models, SharedValues     (the embedded `--model offline` policy)
//   Models    → SharedValues, CCurl, CLazyLoad (the LLM layer links no libgit2)
//   FSContext → SharedValues, CGit2, CZlib, CDeflate, CLazyLoad, Crypto (swift-crypto: SHA-1)
//   SharedValues: no dependencies (JSONValue, FNV1a64, SeededGenerator, ShellWords).
let package = Package(
    name: "FSContext",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fsctx", targets: ["fsctx"]),
        .library(name: "SharedValues", targets: ["SharedValues"]),
        .library(name: "FSContext", targets: ["FSContext"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "OfflineBaseline", targets: ["OfflineBaseline"]),
        .library(name: "Shell", targets: ["Shell"]),
        .library(name: "Recursion", targets: ["Recursion"]),
        .library(name: "Bench", targets: ["Bench"]),
        .library(name: "Audit", targets: ["Audit"]),
        .library(name: "MCPServer", targets: ["MCPServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // System-library shims. Only FSContext touches CGit2, CZlib and CDeflate, only Models touches
        // CCurl, only Shell touches CPCRE2 and CSearchKernels.
        // No pkgConfig: its -L/usr/lib/<triple> would come before Sources/CLazyLoad/ld, where "-lcurl" (also
        // FoundationNetworking's) and CGit2's "-lfsctx-git2" find linker scripts naming the real library
        // AS_NEEDED: not loaded at start-up when CLazyLoad's stubs define its functions (Sources/CLazyLoad/README.md).
        .systemLibrary(name: "CGit2", providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(name: "CPCRE2", providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]),
        // zlib (already a dependency of libgit2): FSContext deflates pack entries itself.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // The Shell's byte-search kernels (SIMD on x86_64, scalar elsewhere; glibc calls guarded): header only.
        .systemLibrary(name: "CSearchKernels", path: "Sources/CSearchKernels"),
        // libdeflate: FSContext's default pack-entry compressor (zlib streams, faster than zlib).
        .systemLibrary(name: "CDeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),

        // SharedValues: small value types several modules share; depends on nothing (Foundation only).
        .target(name: "SharedValues", exclude: ["README.md"]),
        .target(name: "FSContext", dependencies: [
            "SharedValues", "CGit2", "CZlib", "CDeflate", "CLazyLoad", .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["README.md"]),
        .target(name: "Models", dependencies: ["SharedValues", "CCurl", "CLazyLoad"], exclude: ["README.md"]),
        // OfflineBaseline: the embedded lexical policy behind `--model offline` (no network, no key).
        .target(name: "OfflineBaseline", dependencies: ["Models", "SharedValues"], exclude: ["README.md"]),
        // Fork, limits and exec for sandboxed programs (bubblewrap): Shell's only C code.
        .target(name: "CSandboxSpawn"),
        // Lazy binding of libgit2 and libcurl (x86_64 Linux; scripts/lazy-stubs): not loaded at start-up.
        .target(name: "CLazyLoad", exclude: ["README.md", "ld"],
                linkerSettings: [.unsafeFlags(["-L", Context.packageDirectory + "/Sources/CLazyLoad/ld"])]),
        .target(name: "Shell", dependencies: ["FSContext", "CPCRE2", "CSearchKernels", "CSandboxSpawn"], exclude: ["README.md"]),
        .target(name: "Recursion", dependencies: ["FSContext", "Models", "Shell"], exclude: ["README.md"]),
        // Bench: task generators, scorers, the sweep runner, compare/report.
        .target(name: "Bench", dependencies: ["FSContext", "Models", "OfflineBaseline", "Recursion"], exclude: ["README.md"]),
        // Audit: other agents' logs (Claude Code, Codex, rlm, SWE-agent, OpenAI chat) imported as runs.
        .target(name: "Audit", dependencies: ["SharedValues", "FSContext", "Models", "Shell", "Recursion"], exclude: ["README.md"]),
        // MCPServer: `fsctx mcp` and `fsctx launch` over the MCP swift-sdk.
        .target(name: "MCPServer", dependencies: [
            "FSContext", "Models", "Shell", "Recursion", "Audit", .product(name: "MCP", package: "swift-sdk"),
            .product(name: "Subprocess", package: "swift-subprocess"),
        ], exclude: ["README.md"]),
        .executableTarget(name: "fsctx", dependencies: [
            "FSContext", "Models", "OfflineBaseline", "Shell", "Recursion", "Bench", "MCPServer", "Audit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"]),

        // Temporary folders and process helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FSContextTests", dependencies: ["FSContext", "TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "SharedValues", "FSContext", "TestSupport"]),
        .testTarget(name: "OfflineBaselineTests", dependencies: ["OfflineBaseline", "Models", "SharedValues", "TestSupport"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "FSContext", "SharedValues", "CSearchKernels", "TestSupport"]),
        .testTarget(name: "RecursionTests", dependencies: ["Recursion", "Models", "OfflineBaseline", "Shell", "FSContext", "TestSupport"]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "Recursion", "FSContext", "SharedValues", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "SharedValues", "TestSupport"]),
        .testTarget(name: "MCPServerTests", dependencies: ["MCPServer", "Recursion", "Shell", "FSContext", "TestSupport"],
                    exclude: ["mcp_client_check.py", "stand_in_agent.py", "scripted_model_server.py"]),
        // End-to-end tests of the fsctx binary.
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ]
)
