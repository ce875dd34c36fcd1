import Foundation
import Testing

/// `fsctx doctor` and `--allow-programs` end to end.
@Suite struct DoctorCLITests {
    static let bubblewrapPresent = FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap")

    @Test(.enabled(if: bubblewrapPresent, "needs bubblewrap (scripts/install-deps)"))
    func doctorSaysWhatThisMachineSupports() throws {
        let result = try CLI.fsctx(["doctor"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("Sandbox for real programs\n  ok   bubblewrap: "))
        #expect(result.stdout.contains("ok   namespaces: ") && result.stdout.contains("ok   limits: "))
        #expect(result.stdout.contains("python3: "))
    }

    @Test func badAllowProgramsIsOneLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsctx-doctor-cli-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.fsctx(["sh", folder.path, "--no-record", "--allow-programs", "../bin/evil", "-c", "true"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--allow-programs: '../bin/evil' is not a program name"))
    }
}
