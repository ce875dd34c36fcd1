import ArgumentParser
import Bench
import Foundation

/// Shared plumbing of the bench, compare and report commands.
enum BenchCLI {
    /// Prints `fsctx <command>: <message>` to stderr and returns the failing exit code.
    static func fail(_ command: String, _ error: any Error) -> ExitCode {
        FileHandle.standardError.write(Data("fsctx \(command): \(error)\n".utf8))
        return ExitCode(1)
    }

    /// Parses a comma-separated list of token counts; `4k` = 4096, `1m` = 1048576.
    static func lengths(_ text: String) throws -> [Int] {
        try text.split(separator: ",").map { item in
            let lower = item.trimmingCharacters(in: .whitespaces).lowercased()
            let (digits, factor) = lower.hasSuffix("k") ? (lower.dropLast(), 1024) : lower.hasSuffix("m") ? (lower.dropLast(), 1 << 20) : (Substring(lower), 1)
            guard let value = Int(digits) else {
                throw BenchError(.badInput, "bad length \"\(item)\": use token counts like 4096,8k,128k,1m")
            }
            return value * factor
        }
    }

    /// Parses a comma-separated list of depths in 0...1.
    static func depths(_ text: String) throws -> [Double] {
        try text.split(separator: ",").map { item in
            guard let value = Double(item.trimmingCharacters(in: .whitespaces)) else {
                throw BenchError(.badInput, "bad depth \"\(item)\": use fractions like 0,0.25,0.5,0.75,1")
            }
            return value
        }
    }

    /// Splits a comma-separated list of names.
    static func names(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// Writes a generator's tasks and prints where.
    static func write(_ generator: some BenchGenerator, to directory: String, force: Bool) throws {
        let result = try generator.write(to: URL(fileURLWithPath: directory), replacing: force)
        print("wrote \(result.tasks.count) tasks to \(result.taskFile.path) (corpus inputs next to it)")
    }
}
