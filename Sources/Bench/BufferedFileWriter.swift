import Foundation

/// Writes text to a new file in 64 KB blocks, so generators stream long corpora in bounded memory.
final class BufferedFileWriter {
    private let handle: FileHandle
    private let url: URL
    private var buffer: [UInt8] = []
    /// Bytes written so far (including what is still buffered).
    private(set) var bytesWritten = 0

    /// Creates (or truncates) the file.
    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw BenchError(.io, "cannot create \(url.path); check the folder is writable")
        }
        self.url = url
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends text.
    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        bytesWritten += text.utf8.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        try flush()
        try? handle.close()
    }

    private func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch {
            throw BenchError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
