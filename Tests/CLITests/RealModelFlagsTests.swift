import Foundation
import Testing

/// The flags of #11 through the binary: bad values are one line and exit 2; `model --info`.
@Suite struct RealModelFlagsTests {
    @Test func badValuesAreOneLineAndExit2() throws {
        let temp = TemporaryDirectory()
        let repo = try RunCLITests.corpus(temp)
        let cases: [[String]] = [
            ["run", repo, "--question", "q", "--max-reply-tokens", "agent=5"],
            ["run", repo, "--question", "q", "--max-reply-tokens", "brain=100"],
            ["run", repo, "--question", "q", "--compact", "squeeze"],
            ["run", repo, "--question", "q", "--sub-model", "gpt4"],
            ["run", repo, "--question", "q", "--max-subcalls=-1"],
            ["run", repo, "--question", "q", "--context-window", "100"],
            ["run", repo, "--question", "q", "--stuck-after", "0"],
        ]
        for arguments in cases {
            let result = try CLI.fsctx(arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
        }
        #expect(try CLI.fsctx(["log", repo]).stdout.contains("no runs yet"))
    }

    @Test func modelInfoSaysWhatIsAssumed() throws {
        let info = try CLI.fsctx(["model", "--info", "--model", "openai:gpt-4o-mini", "--api-key", "sk-test",
                                  "--base-url", "http://127.0.0.1:9/v1", "--context-window", "64000"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("context window: 64000 tokens (--context-window)"))
        #expect(info.stdout.contains("about 4 bytes per token"))
        let known = try CLI.fsctx(["model", "--info", "--model", "openai:gemma-3-270m", "--base-url", "http://127.0.0.1:9/v1"])
        #expect(known.stdout.contains("32768 tokens (known window of gemma-3-270m)"))
    }
}
