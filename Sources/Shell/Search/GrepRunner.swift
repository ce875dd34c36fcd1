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
            var buffer = [UInt8]()
            let low = worker * chunk, high = min(targets.count, low + chunk)
            guard low < high else { return }
            for index in low..<high {
                let target = targets[index]
                let name = showNames ? target.name : nil
                guard let url = target.url else {
                    slots.outcomes[index].file = stdin.withUnsafeBufferPointer { search.search($0, name: name, scratch: scratch) }
                    continue
                }
                if let error = readInto(&buffer, url) {
                    slots.outcomes[index].error = "\(target.name): \(error)"
                    continue
                }
                let result = buffer.withUnsafeBufferPointer { search.search($0, name: name, scratch: scratch) }
                slots.outcomes[index].file = result
                if quietStop && result.selected > 0 { break }
            }
        }
        return slots.outcomes
    }

    /// Reads a file into `buffer` (reused across files), without following symlinks.
    static func readInto(_ buffer: inout [UInt8], _ url: URL) -> String? {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ELOOP ? "is a symbolic link; links are not followed" : "No such file or directory" }
        defer { close(descriptor) }
        var info = stat()
        fstat(descriptor, &info)
        let size = Int(info.st_size)
        if buffer.count != size {
            if buffer.capacity >= size { buffer.removeLast(buffer.count - min(buffer.count, size)); buffer.append(contentsOf: repeatElement(0, count: size - buffer.count)) }
            else { buffer = [UInt8](repeating: 0, count: size) }
        }
        var filled = 0
        while filled < size {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, size - filled) }
            if count <= 0 { break }
            filled += count
        }
        if filled < size { buffer.removeLast(size - filled) }
        return nil
    }
}
