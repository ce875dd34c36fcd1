@_exported import TestSupport
import Foundation
import Testing

/// Runs a program to its end with stdin from /dev/null and its output going to temporary
/// files, not pipes: Foundation's pipe reads trap on EINTR (other suites' signals), and its
/// `Process` reaps a child only once every holder of its pipes (an agent's MCP server) is gone.
@discardableResult
func execute(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let stem = FileManager.default.temporaryDirectory.appendingPathComponent("fsctx-mcp-run-\(UUID().uuidString.prefix(8))").path
    let out = URL(fileURLWithPath: stem + ".out"), err = URL(fileURLWithPath: stem + ".err")
    defer { for file in [out, err] { try? FileManager.default.removeItem(at: file) } }
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
}

/// Runs the git CLI on the repository at `directory` (through `execute`).
@discardableResult
func gitCLI(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    try execute("/usr/bin/git", ["-c", "safe.directory=*", "-C", directory.path] + arguments)
}

/// Paths of the package, the built `fsctx` binary, the test scripts and the Python venv.
enum TestPaths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// The `fsctx` binary next to the test bundle (SwiftPM builds it with the tests).
    static var fsctx: URL {
        get throws {
            var candidates = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
                .map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("fsctx") }
            if let executable = Bundle.main.executableURL {
                candidates.append(executable.deletingLastPathComponent().appendingPathComponent("fsctx"))
            }
            candidates.append(packageRoot.appendingPathComponent(".build/debug/fsctx"))
            guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw TestSetupError("the fsctx binary was not built (looked at \(candidates.map(\.path))); run `swift build` first")
            }
            return binary
        }
    }

    /// The Python of the venv that has the official MCP SDK (`scripts/install-deps` makes it);
    /// FSCTX_MCP_PYTHON overrides. A missing venv fails the test: it must not pass silently.
    static var python: String {
        get throws { try checkedPython.get() }
    }

    private static let checkedPython: Result<String, TestSetupError> = {
        let python = ProcessInfo.processInfo.environment["FSCTX_MCP_PYTHON"]
            ?? packageRoot.appendingPathComponent(".build/mcp-venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? execute(python, ["-c", "import mcp"]))?.status == 0 else {
            return .failure(TestSetupError("no Python with the MCP SDK at \(python); run scripts/install-deps (it creates .build/mcp-venv with `pip install mcp`)"))
        }
        return .success(python)
    }()

    static let clientCheck = testsFolder.appendingPathComponent("mcp_client_check.py").path
    static let standInAgent = testsFolder.appendingPathComponent("stand_in_agent.py").path
    static let sampleText = packageRoot.appendingPathComponent("corpora/sample/the-keeper-of-gull-rock.md").path
}

/// A test that cannot run because the machine is not set up; it fails with this message.
struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A corpus materialized by `fsctx materialize` from the sample text, in a temporary folder.
struct SampleCorpus {
    let directory = TemporaryDirectory()
    var root: URL { directory.url.appendingPathComponent("corpus", isDirectory: true) }

    init() throws {
        let result = try execute(try TestPaths.fsctx.path, ["materialize", TestPaths.sampleText, "--into", directory.url.appendingPathComponent("corpus").path, "--chunk-bytes", "1500"])
        guard result.status == 0 else { throw TestSetupError("materialize failed: \(result.stderr)") }
    }

    /// The subjects of the commits on run `id`, newest first.
    func log(_ id: String) throws -> [String] {
        try gitCLI(["log", "--format=%s", "refs/fsctx/runs/\(id)"], in: root).stdout.split(separator: "\n").map(String.init)
    }

    /// A file of run `id` at its head, via `git show`.
    func show(_ id: String, _ path: String) throws -> String {
        try gitCLI(["show", "refs/fsctx/runs/\(id):.fsctx/runs/\(id)/\(path)"], in: root).stdout
    }
}
