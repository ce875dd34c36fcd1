import Foundation
import Testing

/// A fresh folder under the system temp dir, removed when the value is dropped.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init(_ label: String = "fsctx-mcp-test") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Work trees are made read-only; give write bits back so removal succeeds.
        _ = try? run("/bin/chmod", ["-R", "u+w", url.path])
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs a program and returns (status, stdout, stderr).
@discardableResult
func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws
    -> (status: Int32, stdout: String, stderr: String)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a full stderr pipe cannot stall the child.
    let errData = LockedData()
    let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errData.isSet { usleep(1_000) }
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData.value, as: UTF8.self))
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}

/// Runs the git CLI in `directory`.
@discardableResult
func git(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
    try run("/usr/bin/git", ["-c", "safe.directory=*"] + arguments, in: directory)
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
        get throws {
            let python = ProcessInfo.processInfo.environment["FSCTX_MCP_PYTHON"]
                ?? packageRoot.appendingPathComponent(".build/mcp-venv/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: python),
                  (try? run(python, ["-c", "import mcp"]))?.status == 0 else {
                throw TestSetupError("no Python with the MCP SDK at \(python); run scripts/install-deps (it creates .build/mcp-venv with `pip install mcp`)")
            }
            return python
        }
    }

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
        let result = try run(try TestPaths.fsctx.path, ["materialize", TestPaths.sampleText, "--into", directory.url.appendingPathComponent("corpus").path, "--chunk-bytes", "1500"])
        guard result.status == 0 else { throw TestSetupError("materialize failed: \(result.stderr)") }
    }

    /// The subjects of the commits on run `id`, newest first.
    func log(_ id: String) throws -> [String] {
        try git(["log", "--format=%s", "refs/fsctx/runs/\(id)"], in: root).stdout.split(separator: "\n").map(String.init)
    }

    /// A file of run `id` at its head, via `git show`.
    func show(_ id: String, _ path: String) throws -> String {
        try git(["show", "refs/fsctx/runs/\(id):.fsctx/runs/\(id)/\(path)"], in: root).stdout
    }
}
