import Foundation
import SharedValues

/// A task generator: writes corpus inputs into a folder and returns the tasks that use them.
/// Deterministic: the same configuration and seed give the same bytes.
public protocol BenchGenerator: Sendable {
    /// Writes corpus inputs under `directory` and returns tasks whose `corpus` paths are
    /// relative to it.
    func generate(into directory: URL) throws -> [BenchTask]
}

extension BenchGenerator {
    /// Generates into `directory` all or nothing: everything is written into a sibling
    /// temporary folder, `tasks.jsonl` last, and the folder is renamed into place.
    /// `directory` must not exist or be empty, unless `replacing` is set.
    /// Returns the task file's location and the tasks.
    @discardableResult
    public func write(to directory: URL, replacing: Bool = false) throws -> (taskFile: URL, tasks: [BenchTask]) {
        let fileManager = FileManager.default
        let target = directory.standardizedFileURL
        if fileManager.fileExists(atPath: target.path) {
            let contents = (try? fileManager.contentsOfDirectory(atPath: target.path)) ?? ["?"]
            if !contents.isEmpty && !replacing {
                throw BenchError(.badTarget, "\(target.path) exists and is not empty; choose a new folder or pass --force to replace it")
            }
        }
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw BenchError(.badTarget, "cannot create \(staging.path): \(error.localizedDescription)")
        }
        do {
            let tasks = try generate(into: staging)
            try BenchTaskFile.write(tasks, to: staging.appendingPathComponent("tasks.jsonl"))
            if fileManager.fileExists(atPath: target.path) { try fileManager.removeItem(at: target) }
            try fileManager.moveItem(at: staging, to: target)
            return (target.appendingPathComponent("tasks.jsonl"), tasks)
        } catch {
            try? fileManager.removeItem(at: staging)
            if let error = error as? BenchError { throw error }
            throw BenchError(.io, "cannot write tasks into \(target.path): \(error.localizedDescription)")
        }
    }
}

/// Helpers shared by generators.
enum GeneratorSupport {
    /// Creates `relative` (a folder) under `directory`.
    static func makeFolder(_ relative: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(relative, isDirectory: true)
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw BenchError(.io, "cannot create \(url.path): \(error.localizedDescription)")
        }
        return url
    }

    /// A depth as a three-digit percentage label: 0.5 → `d050`.
    static func depthLabel(_ depth: Double) -> String {
        let percent = Int((depth * 100).rounded())
        return "d" + String(repeating: "0", count: max(0, 3 - String(percent).count)) + String(percent)
    }

    /// Distinct adjective-noun keys.
    static func keys(_ count: Int, random: inout SeededGenerator) -> [String] {
        var keys: [String] = [], seen = Set<String>()
        while keys.count < count {
            let key = random.pick(Vocabulary.keyAdjectives) + "-" + random.pick(Vocabulary.keyNouns)
            if seen.insert(key).inserted { keys.append(key) }
        }
        return keys
    }

    /// Checks a length/depth grid.
    static func validate(lengths: [Int], depths: [Double]) throws {
        guard !lengths.isEmpty, lengths.allSatisfy({ $0 >= 64 && $0 <= 16_000_000 }) else {
            throw BenchError(.badInput, "lengths must be between 64 and 16000000 tokens (got \(lengths)); e.g. --lengths 4096,8192")
        }
        guard !depths.isEmpty, depths.allSatisfy({ (0...1).contains($0) }) else {
            throw BenchError(.badInput, "depths must be fractions between 0 and 1 (got \(depths)); e.g. --depths 0,0.25,0.5,0.75,1")
        }
    }
}
