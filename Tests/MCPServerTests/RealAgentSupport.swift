import Foundation
import Testing

/// The real Claude Code and Codex CLIs, as `scripts/install-agents` unpacks them from their PyPI
/// wheels (FSCTX_AGENTS_DIR overrides the folder). A missing CLI fails the test with the fix.
enum RealAgents {
    static var folder: URL {
        ProcessInfo.processInfo.environment["FSCTX_AGENTS_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/fsctx/agents")
    }

    /// `claude` or `codex`.
    static func binary(_ name: String) throws -> String {
        let path = folder.appendingPathComponent("bin/\(name)").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestSetupError("the real \(name) CLI is not at \(path); run scripts/install-agents (scripts/test does)")
        }
        return path
    }

    /// `env` arguments that give the agent a home, config folders (made here) and a fake key of
    /// its own, and no traffic but to the loopback model server.
    static func environment(home: URL, key: String) throws -> [String] {
        for folder in ["claude", "codex"] {
            try FileManager.default.createDirectory(at: home.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        return ["-u", "ANTHROPIC_AUTH_TOKEN", "-u", "CLAUDECODE", "-u", "CLAUDE_CODE_ENTRYPOINT", "-u", "OPENAI_BASE_URL",
         "-u", "ANTHROPIC_BASE_URL", "-u", "CODEX_API_KEY",
         "HOME=\(home.path)", "FSCTX_AGENTS_DIR=\(folder.path)", "CLAUDE_CONFIG_DIR=\(home.appendingPathComponent("claude").path)",
         "CODEX_HOME=\(home.appendingPathComponent("codex").path)", "ANTHROPIC_API_KEY=\(key)", "OPENAI_API_KEY=\(key)",
         "DISABLE_TELEMETRY=1", "DISABLE_AUTOUPDATER=1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1", "NO_COLOR=1"]
    }
}

/// The scripted model server (`scripted_model_server.py`) in a child process: the Anthropic
/// Messages API or the OpenAI Responses API on 127.0.0.1, replaying `script`.
final class ScriptedModelServer {
    let directory = TemporaryDirectory()
    let process = Process()
    let stdin = Pipe()
    let port: Int

    /// A script turn: a tool call or the final text.
    static func tool(_ name: String, _ input: [String: Any]) -> [String: Any] { ["tool": name, "input": input] }
    static func text(_ text: String) -> [String: Any] { ["text": text] }

    init(api: String, script: [[String: Any]], delay: Double = 0) throws {
        let scriptFile = directory.url.appendingPathComponent("script.json")
        try JSONSerialization.data(withJSONObject: script).write(to: scriptFile)
        let portFile = directory.url.appendingPathComponent("port")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.testsFolder.appendingPathComponent("scripted_model_server.py").path,
                             "--api", api, "--script", scriptFile.path, "--log", directory.url.appendingPathComponent("log.jsonl").path,
                             "--port-file", portFile.path, "--delay", "\(delay)"]
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        let errors = directory.url.appendingPathComponent("server.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: portFile.path) {
            guard Date() < deadline, process.isRunning else {
                throw TestSetupError("the scripted model server did not start: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        port = Int(try String(contentsOf: portFile, encoding: .utf8)) ?? 0
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The requests logged so far: `turn`, `stream`, `tools`, `authorization`, `reply`.
    var requests: [[String: Any]] {
        let text = (try? String(contentsOf: directory.url.appendingPathComponent("log.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The tool names each request offered.
    var offeredTools: [[String]] { requests.map { $0["tools"] as? [String] ?? [] } }
}

extension SampleCorpus {
    /// A file of run `id` as JSON.
    func json(_ id: String, _ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(show(id, path).utf8)) as? [String: Any], "\(path) of \(id)")
    }

    /// The step records of run `id`, in step order.
    func steps(_ id: String) throws -> [[String: Any]] {
        let listing = try gitCLI(["ls-tree", "--name-only", "refs/fsctx/runs/\(id):.fsctx/runs/\(id)/steps"], in: root).stdout
        return try listing.split(separator: "\n").sorted().map { try json(id, "steps/\($0)") }
    }

    /// Whether `secret` appears in any object of the repository (loose or packed).
    func anyObjectContains(_ secret: String) throws -> Bool {
        // Objects are binary (trees), so grep counts the hits rather than Swift reading them as text.
        let count = try execute("/bin/sh", ["-c", "git -c safe.directory='*' -C \"$1\" cat-file --batch-all-objects --batch --unordered "
            + "| grep -a -c -F -e \"$2\"", "sh", root.path, secret]).stdout
        guard let hits = Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestSetupError("cannot search the objects of \(root.path): \(count)")
        }
        return hits > 0
    }
}
