import Foundation

extension Builtins {
    static func grep(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        switch GrepInvocation.parseGrep(arguments) {
        case .failure(let error):
            io.error("\(error.message)\nUsage: grep [OPTION]... PATTERNS [FILE]...\n")
            return 2
        case .success(let invocation):
            return invocation.run(execution, &io)
        }
    }

    static func rg(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        switch GrepInvocation.parseRipgrep(arguments) {
        case .failure(let error):
            io.error("\(error.message)\nUsage: rg [OPTIONS] PATTERN [PATH ...]\n")
            return 2
        case .success(let invocation):
            return invocation.run(execution, &io)
        }
    }
}
