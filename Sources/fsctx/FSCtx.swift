import ArgumentParser

/// The `fsctx` command: wiring only — parse, call a library, print.
@main
struct FSCtx: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsctx",
        abstract: "A workbench for long-context work by coding agents, recorded in git.",
        version: "0.1.0",
        subcommands: [
            MaterializeCommand.self,
            ShCommand.self,
            ToolsCommand.self,
            RunCommand.self,
            LogCommand.self,
            ShowCommand.self,
            ReplayCommand.self,
            ModelCommand.self,
            BenchCommand.self,
            CompareCommand.self,
            ReselectCommand.self,
            ReportCommand.self,
            DemoCommand.self,
            MCPCommand.self,
            LaunchCommand.self,
        ]
    )
}
