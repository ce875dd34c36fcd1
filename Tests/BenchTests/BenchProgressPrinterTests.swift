import Foundation
import Testing
@testable import Bench

/// A sweep's progress in a log is a line per tenth; on a terminal it is one bar redrawn.
@Suite struct BenchProgressPrinterTests {
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []
        func add(_ text: String) { lock.lock(); parts.append(text); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
    }

    func progress(_ done: Int, of total: Int) -> BenchProgress {
        BenchProgress(completed: done, total: total, failed: 0, skipped: 0, elapsed: Double(done))
    }

    @Test func aLogGetsOneLinePerTenthAndNoCarriageReturns() {
        let out = Collected()
        let printer = BenchProgressPrinter(terminal: false, write: out.add)
        for done in 0...347 { printer.report(progress(done, of: 347)) }
        printer.finish()
        let lines = out.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!out.text.contains("\r"))
        #expect(lines.count == 12 && lines.last == "")  // 0%, 10%, …, 100%, each ended
        #expect(lines[0].contains("0/347") && lines[10].contains("347/347  100%"))
    }

    @Test func aTerminalGetsTheBarRedrawnInPlace() {
        let out = Collected()
        let printer = BenchProgressPrinter(terminal: true, write: out.add)
        for done in 0...20 { printer.report(progress(done, of: 20)) }
        printer.finish()
        #expect(out.text.components(separatedBy: "\r").count == 22)
        #expect(out.text.hasSuffix("\n") && out.text.filter { $0 == "\n" }.count == 1)
    }
}
