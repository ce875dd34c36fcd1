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
        _ targets: [GrepInvocation.Target], search: GrepSearch, stdin: [UInt8], showNames: Bool, image: CorpusImage? = nil
    ) -> [Outcome] {
        if let image { return searchImage(targets, search: search, showNames: showNames, image: image) }
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
                let name = showNames ? target.fileName : nil
                guard let path = target.path else {
                    slots.outcomes[index].file = stdin.withUnsafeBufferPointer { search.search($0, name: name, scratch: scratch) }
                    continue
                }
                switch buffer.read(path) {
                case .failure(let error):
                    slots.outcomes[index].error = "\(target.fileName): \(error.message)"
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

extension GrepRunner {
    /// Searches files of the corpus image. When only matching files matter (line output, -l,
    /// -q, without -v), each worker runs the matcher over its whole byte range in one pass and
    /// looks at a file only when a hit lands in it; otherwise every file is searched in place.
    static func searchImage(_ targets: [GrepInvocation.Target], search: GrepSearch, showNames: Bool, image: CorpusImage) -> [Outcome] {
        let slots = Slots(targets.count)
        let sparse = !search.options.invert && [.lines, .filesWithMatches, .quiet].contains(search.options.mode)
        let workers = targets.count >= 64 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        // Split by bytes so workers get equal shares.
        var bounds = [0]
        let total = targets.reduce(0) { $0 + image.entries[$1.imageEntry!].length }
        var running = 0
        for (index, target) in targets.enumerated() {
            running += image.entries[target.imageEntry!].length
            if bounds.count < workers && running >= total * bounds.count / workers { bounds.append(index + 1) }
        }
        while bounds.count <= workers { bounds.append(targets.count) }
        bounds[workers] = targets.count
        let splits = bounds
        let quietStop = search.options.mode == .quiet
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let scratch = search.matcher.makeScratch()
            let low = splits[worker], high = splits[worker + 1]
            guard low < high else { return }
            func searchFile(_ index: Int) -> GrepSearch.FileResult {
                let entry = image.entries[targets[index].imageEntry!]
                let buffer = UnsafeBufferPointer(start: image.base + entry.offset, count: entry.length)
                return search.search(buffer, name: showNames ? targets[index].name(image) : nil, scratch: scratch)
            }
            guard sparse else {
                for index in low..<high {
                    slots.outcomes[index].file = searchFile(index)
                    if quietStop && slots.outcomes[index].file.selected > 0 { return }
                }
                return
            }
            let regionEnd = image.entries[targets[high - 1].imageEntry!].offset + image.entries[targets[high - 1].imageEntry!].length
            var position = image.entries[targets[low].imageEntry!].offset
            var next = low
            while next < high, let (hit, _) = search.matcher.firstMatch(image.base, regionEnd, from: position, scratch) {
                // The first target whose bytes end after the hit.
                var lowIndex = next, highIndex = high
                while lowIndex < highIndex {
                    let middle = (lowIndex + highIndex) / 2
                    let entry = image.entries[targets[middle].imageEntry!]
                    if entry.offset + entry.length < hit { lowIndex = middle + 1 } else { highIndex = middle }
                }
                guard lowIndex < high else { break }
                let entry = image.entries[targets[lowIndex].imageEntry!]
                if hit >= entry.offset {
                    slots.outcomes[lowIndex].file = searchFile(lowIndex)
                    if search.options.mode == .quiet && slots.outcomes[lowIndex].file.selected > 0 { return }
                    next = lowIndex + 1
                    position = entry.offset + entry.length + 1
                } else {
                    next = lowIndex
                    position = entry.offset
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
