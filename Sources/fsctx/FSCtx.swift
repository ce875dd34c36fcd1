import ArgumentParser
import Foundation

/// The `fsctx` command: wiring only — parse, call a library, print.
@main
struct FSCtx: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsctx",
        abstract: "A workbench for long-context work by coding agents, recorded in git.",
        version: "0.1.0",
        subcommands: [
            MaterializeCommand.self,
            IndexCommand.self,
            ShCommand.self,
            ToolsCommand.self,
            RunCommand.self,
            LogCommand.self,
            ShowCommand.self,
            ReplayCommand.self,
            ImportCommand.self,
            DiffCommand.self,
            ForkCommand.self,
            ViewCommand.self,
            ModelCommand.self,
            BenchCommand.self,
            CompareCommand.self,
            ReselectCommand.self,
            ReportCommand.self,
            DemoCommand.self,
            MCPCommand.self,
            LaunchCommand.self,
            DoctorCommand.self,
        ]
    )

    /// Parses and runs a command. A usage error (a bad flag value, a missing argument, a
    /// `ValidationError` from a command) is one line on stderr and exit status 2, like every other
    /// bad input (DESIGN §9); everything else is ArgumentParser's usual handling.
    static func main() async {
        do {
            if let shell = parseShellQuickly() {
                try await shell.run()
                return
            }
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data("fsctx: \(oneLine(message(for: error)))\n".utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }

    /// `fsctx sh …` parsed as its own root, without first building the tree of every subcommand:
    /// a one-shot `fsctx sh -c 'grep …'` starts faster. Anything unusual (help, a parse error)
    /// returns nil and takes the normal path, which prints the usual messages.
    static func parseShellQuickly() -> ShCommand? {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let unusual = ["-h", "--help", "-help", "--version", "--generate-completion-script", "--experimental-dump-help"]
        guard arguments.first == "sh", !arguments.contains(where: { unusual.contains($0) || $0.hasPrefix("--generate-") }) else {
            return nil
        }
        return (try? ShCommand.parseAsRoot(Array(arguments.dropFirst()))) as? ShCommand
    }

    /// ArgumentParser's message on one line: a bulleted list of values becomes "a, b, c".
    static func oneLine(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let items = lines.filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        let text = lines.filter { !$0.hasPrefix("- ") }.joined(separator: " ")
        return items.isEmpty ? text : text + " " + items.joined(separator: ", ")
    }
}
