import FSContext
import Shell
import Testing
@testable import Recursion

/// Every module's error type shares `ModuleError`'s behaviour: the short initializers, the
/// underlying error kept and equality by code and message.
@Suite struct ModuleErrorTests {
    @Test func anUnderlyingErrorIsKeptAndEndsTheMessage() {
        let cause = FSContextError(.git, "reference is locked", gitStatus: -14)
        let error = RecursionError(.recording, "cannot record run.json", underlying: cause)
        #expect(error.message == "cannot record run.json: reference is locked")
        #expect((error.underlying as? FSContextError)?.gitStatus == -14)
        let wrapped = RecursionError(.badInput, wrapping: cause)
        #expect(wrapped.message == "reference is locked" && wrapped.code == .badInput)
        #expect(wrapped == RecursionError(.badInput, "reference is locked"))
    }

    @Test func equalityIsCodeAndMessageAndForGitErrorsTheStatus() {
        #expect(ShellError(.badInput, "x") == ShellError(.badInput, "x"))
        #expect(ShellError(.badInput, "x") != ShellError(.recorder, "x"))
        #expect(RecursionError(.recording, "disk full", underlying: CocoaLikeError()) == RecursionError(.recording, "disk full: cocoa"))
        #expect(FSContextError(.git, "locked", gitStatus: -14) != FSContextError(.git, "locked", gitStatus: -1))
        #expect(FSContextError(.git, "locked") == FSContextError(.git, "locked", gitStatus: nil))
        #expect("\(FSContextError(.io, "no space left"))" == "no space left")
    }
}

private struct CocoaLikeError: Error, CustomStringConvertible {
    var description: String { "cocoa" }
}
