import ArgumentParser
import FSContext
import Foundation

/// Pretty JSON with sorted keys for `--json` output.
enum JSONOutput {
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }
}

/// SIGINT handling for long commands: the first Ctrl-C cancels the work (which then ends
/// cleanly, e.g. a run with stop reason `interrupted`); a second one exits at once.
enum Interrupts {
    static func cancelOnSIGINT<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = InterruptCount()
        source.setEventHandler {
            if count.increment() > 1 { exit(130) }
            FileHandle.standardError.write(Data("fsctx: interrupted; finishing the record (Ctrl-C again to quit now)\n".utf8))
            task.cancel()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await task.value
    }
}

final class InterruptCount: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
