import Foundation

/// Runs a search over many files, in parallel across cores, keeping the results in order.
enum GrepRunner {
    struct Outcome {
        var file = GrepSearch.FileResult()
        var error: String?
    }

    final class Slots: @unchecked Sendable {
        var outcomes: [Outcome]
        init(_ count: Int) { outcomes = Array(repeating: Outcome(), count: count) }
    }

    static func searchAll(
        _ targets: [GrepInvocation.Target], search: GrepSearch, stdin: [UInt8], showNames: Bool
    ) -> [Outcome] {
        let slots = Slots(targets.count)
        let workers = targets.count >= 64 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        let chunk = (targets.count + workers - 1) / max(1, workers)
        let quietStop = search.options.mode == .quiet
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let scratch = search.matcher.makeScratch()
            let buffer = ReadBuffer()
            let low = worker * chunk, high = min(targets.count, low + chunk)
            guard low < high else { return }
            for index in low..<high {
                let target = targets[index]
                let name = showNames ? target.name : nil
                guard let path = target.path else {
                    slots.outcomes[index].file = stdin.withUnsafeBufferPointer { search.search($0, name: name, scratch: scratch) }
                    continue
                }
                switch buffer.read(path) {
                case .failure(let error):
                    slots.outcomes[index].error = "\(target.name): \(error.message)"
                case .success(let bytes):
                    let result = search.search(bytes, name: name, scratch: scratch)
                    slots.outcomes[index].file = result
                    if quietStop && result.selected > 0 { return }
                }
            }
        }
        return slots.outcomes
    }
}

/// A growing read buffer reused across files by one worker.
final class ReadBuffer {
    private var storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    private var capacity = 1 << 16

    deinit { storage.deallocate() }

    /// Reads a whole file (not following a symlink) into the buffer; valid until the next read.
    func read(_ path: String) -> Result<UnsafeBufferPointer<UInt8>, ToolFailure> {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(ToolFailure(errno == ELOOP ? "is a symbolic link; links are not followed" : "No such file or directory"))
        }
        defer { close(descriptor) }
        var info = stat()
        fstat(descriptor, &info)
        let size = Int(info.st_size)
        if size + 1 > capacity {
            storage.deallocate()
            capacity = max(size + 1, capacity * 2)
            storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        }
        var filled = 0
        while filled < size {
            let count = Foundation.read(descriptor, storage + filled, size - filled)
            if count <= 0 { break }
            filled += count
        }
        return .success(UnsafeBufferPointer(start: storage, count: filled))
    }
}
