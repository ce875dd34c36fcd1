import ArgumentParser
import Foundation
import Shell

/// `fsctx doctor`: what this machine supports, one section per concern. A section is a title and
/// an async function returning its checks; another concern adds its own section (in its own file)
/// to `DoctorCommand.sections`.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Say what this machine supports: the sandbox for real programs (bubblewrap, namespaces, limits), the allowed programs, and the coding agents for fsctx launch.")

    /// One line of a report.
    struct Check: Sendable {
        var name: String
        var ok: Bool
        var detail: String
        /// A failed essential check makes `fsctx doctor` exit 1.
        var essential: Bool
    }

    /// One section: a title and its checks.
    struct Section: Sendable {
        var title: String
        var checks: @Sendable () async -> [Check]
    }

    /// The report's sections, in order.
    static let sections: [Section] = [sandboxSection, agentsSection]

    static let sandboxSection = Section(title: "Sandbox for real programs") {
        await SandboxDiagnosis.run().map { Check(name: $0.name, ok: $0.ok, detail: $0.detail, essential: $0.essential) }
    }

    func run() async throws {
        var failed = false
        for section in Self.sections {
            print(section.title)
            for check in await section.checks() {
                print("  \(check.ok ? "ok  " : (check.essential ? "FAIL" : "miss")) \(check.name): \(check.detail)")
                if !check.ok && check.essential { failed = true }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
