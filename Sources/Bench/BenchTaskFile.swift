import Foundation

/// A task file on disk: its rows and the folder its corpus paths are relative to.
public struct BenchTaskFile: Sendable {
    /// The task file.
    public let url: URL
    /// The tasks, in file order.
    public let tasks: [BenchTask]

    /// Loads and checks a task file: valid rows, unique ids, relative corpus paths that exist.
    public init(contentsOf url: URL) throws {
        self.url = url
        tasks = try JSONLines.read(BenchTask.self, from: url).rows
        var seen = Set<String>()
        for task in tasks {
            guard seen.insert(task.id).inserted else {
                throw BenchError(.badInput, "\(url.path): task id \"\(task.id)\" appears twice; ids must be unique")
            }
            guard !task.corpus.hasPrefix("/"), !task.corpus.split(separator: "/").contains("..") else {
                throw BenchError(.badInput, "\(url.path): task \"\(task.id)\" corpus \"\(task.corpus)\" must be a path inside the task file's folder")
            }
            guard FileManager.default.fileExists(atPath: corpusURL(for: task).path) else {
                throw BenchError(.notFound, "\(url.path): corpus \"\(task.corpus)\" of task \"\(task.id)\" does not exist")
            }
        }
    }

    /// The absolute location of a task's corpus input.
    public func corpusURL(for task: BenchTask) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(task.corpus, isDirectory: task.corpusFormat == .directory)
    }

    /// Writes tasks as a task file (atomically).
    public static func write(_ tasks: [BenchTask], to url: URL) throws {
        try JSONLines.write(tasks, to: url)
    }
}
