import Foundation
import Testing

/// The real llama.cpp server that `scripts/local-model start` runs for this clone (its port is
/// in `.build/local-model/port`). In CI (`CI=true`) or with `FSCTX_REQUIRE_LOCAL_MODEL=1` the
/// tests that need it run and fail when it is missing; elsewhere they are skipped with a note
/// saying how to start it.
enum LocalModel {
    /// The model spec the script serves.
    static let spec = "openai:gemma-3-270m"

    /// Whether the tests must run (and fail without the server).
    static let required: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] == "true" || environment["FSCTX_REQUIRE_LOCAL_MODEL"] == "1"
    }()

    /// `http://127.0.0.1:PORT/v1` when this clone's server answers, else nil.
    static let baseURL: String? = {
        let portFile = CLI.root.appendingPathComponent(".build/local-model/port")
        guard let text = try? String(contentsOf: portFile, encoding: .utf8),
              let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let url = "http://127.0.0.1:\(port)/v1"
        guard let probe = try? TestSupport.run("/usr/bin/curl", ["-fsS", "--max-time", "5", url + "/models"]), probe.status == 0 else {
            return nil
        }
        return url
    }()

    /// Enabled when the server is up, or when it is required (then a missing server fails).
    static let enabled = baseURL != nil || required

    /// The base URL, or a failure that says how to start the server.
    static func requireBaseURL() throws -> String {
        try #require(baseURL, "the local llama.cpp server is not running: run `scripts/local-model start` (CI's .ci/run starts it)")
    }
}
