import FSContext
import Testing
@testable import Recursion

/// Module errors keep the error that caused them, not only its text.
@Suite struct RecursionErrorTests {
    @Test func anUnderlyingErrorIsKeptAndEndsTheMessage() {
        let cause = FSContextError(.git, "reference is locked", gitStatus: -14)
        let error = RecursionError(.recording, "cannot record run.json", underlying: cause)
        #expect(error.message == "cannot record run.json: reference is locked")
        #expect((error.underlying as? FSContextError)?.gitStatus == -14)
        let wrapped = RecursionError(.badInput, wrapping: cause)
        #expect(wrapped.message == "reference is locked" && wrapped.code == .badInput)
        #expect(wrapped == RecursionError(.badInput, "reference is locked"))
    }
}
