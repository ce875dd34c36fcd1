import CSearchKernels
import Foundation

/// Runs a search over many files, in parallel across cores, keeping the results in order.
enum GrepRunner {
    /// Tunes malloc once per process (see the shim): big grep outputs reuse freed memory.
    static let keepFreedMemory: Void = csearch_keep_freed_memory()

    struct Outcome {
        var file = GrepSearch.FileResult()
        var error: String?
    }

    final class Slots: @unchecked Sendable {
        var outcomes: [Outcome]
        init(_ count: Int) { outcomes = Array(repeating: Outcome(), count: count) }
    }

    /// Searches `targets` in order-preserving pieces (about 1 MB of the image or 64 files each):
    /// the calling thread and one dedicated thread per further core claim pieces in order; the
    /// calling thread hands each outcome to `deliver` in target order as soon as its piece is
    /// done (and searches a piece itself while the next one to deliver is not ready), so output
    /// streams while the next pieces are searched, and memory stays bounded. `deliver` returns
    /// false to stop (`-q`); `batchDone` runs after each piece's outcomes.
    static func searchAll(
        _ targets: [GrepInvocation.Target], search: GrepSearch, stdin: [UInt8], showNames: Bool, image: CorpusImage?,
        batchDone: () -> Void = {}, deliver: (Int, Outcome) -> Bool
    ) {
        _ = keepFreedMemory
        let pieces = split(targets, image: image)
        let work = PieceWork(targets: targets, pieces: pieces, search: search, stdin: stdin, showNames: showNames, image: image)
        let helpers = targets.count >= 64 ? max(0, ProcessInfo.processInfo.activeProcessorCount - 1) : 0
        let queue = PieceQueue(count: pieces.count, window: 16)
        for _ in 0..<helpers {
            let thread = Thread { [work, queue] in
                let scratch = work.search.matcher.makeScratch(), buffer = ReadBuffer()
                while let piece = queue.claim() { queue.finish(piece, work.search(piece, scratch: scratch, buffer: buffer)) }
                queue.workerExited()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        defer { queue.stopAndWait(workers: helpers) }
        let scratch = search.matcher.makeScratch(), buffer = ReadBuffer()
        var piece = 0
        while piece < pieces.count {
            switch queue.next(toDeliver: piece) {
            case .search(let claimed): queue.finish(claimed, work.search(claimed, scratch: scratch, buffer: buffer))
            case .deliver(let slots):
                for index in pieces[piece] where !deliver(index, slots.outcomes[index - pieces[piece].lowerBound]) { return }
                batchDone()
                piece += 1
            }
        }
    }

    /// Cuts `targets` into consecutive pieces: about 1 MB of image bytes, or 64 files from disk.
    static func split(_ targets: [GrepInvocation.Target], image: CorpusImage?) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = 0
        while start < targets.count {
            var end = start
            var bytes = 0
            while end < targets.count && (image == nil ? end - start < 64 : bytes < 1 << 20) {
                if let entry = targets[end].imageEntry, let image { bytes += image.entries[entry].length }
                end += 1
            }
            pieces.append(start..<end)
            start = end
        }
        return pieces
    }

    /// What every worker needs to search a piece (immutable, shared across threads).
    final class PieceWork: @unchecked Sendable {
        let targets: [GrepInvocation.Target]
        let pieces: [Range<Int>]
        let search: GrepSearch
        let stdin: [UInt8]
        let showNames: Bool
        let image: CorpusImage?

        init(targets: [GrepInvocation.Target], pieces: [Range<Int>], search: GrepSearch, stdin: [UInt8], showNames: Bool, image: CorpusImage?) {
            (self.targets, self.pieces, self.search, self.stdin, self.showNames, self.image) = (targets, pieces, search, stdin, showNames, image)
        }

        func search(_ piece: Int, scratch: RegexMatcher.Scratch, buffer: ReadBuffer) -> Slots {
            let range = pieces[piece]
            let slots = Slots(range.count)
            if let image {
                searchImage(range, targets, search: search, showNames: showNames, image: image, scratch: scratch, slots: slots, offset: range.lowerBound)
            } else {
                searchFiles(range, targets, search: search, stdin: stdin, showNames: showNames, scratch: scratch, buffer: buffer,
                            slots: slots, offset: range.lowerBound)
            }
            return slots
        }
    }

    static func searchFiles(
        _ range: Range<Int>, _ targets: [GrepInvocation.Target], search: GrepSearch, stdin: [UInt8], showNames: Bool,
        scratch: RegexMatcher.Scratch, buffer: ReadBuffer, slots: Slots, offset: Int
    ) {
        for index in range {
            let target = targets[index]
            let name = showNames ? target.fileName : nil
            guard let path = target.path else {
                slots.outcomes[index - offset].file = stdin.withUnsafeBufferPointer { search.search($0, name: name, scratch: scratch) }
                continue
            }
            switch buffer.read(path) {
            case .failure(let error): slots.outcomes[index - offset].error = "\(target.fileName): \(error.message)"
            case .success(let bytes):
                slots.outcomes[index - offset].file = search.search(bytes, name: name, scratch: scratch)
                if search.options.mode == .quiet && slots.outcomes[index - offset].file.selected > 0 { return }
            }
        }
    }

    /// Searches image entries in place. When only matching files matter (line output, -l, -q,
    /// without -v), the matcher runs over the range's bytes in one pass and a file is looked at
    /// only when a hit lands in it (or the file before it matched); otherwise every file is searched.
    static func searchImage(
        _ range: Range<Int>, _ targets: [GrepInvocation.Target], search: GrepSearch, showNames: Bool, image: CorpusImage,
        scratch: RegexMatcher.Scratch, slots: Slots, offset: Int
    ) {
        func searchFile(_ index: Int) { searchEntry(index, targets, search: search, showNames: showNames, image: image, scratch: scratch, slots: slots, offset: offset) }
        let sparse = !search.options.invert && [.lines, .filesWithMatches, .quiet].contains(search.options.mode)
        guard sparse else {
            for index in range { searchFile(index) }
            return
        }
        // Targets narrowed by the trigram index skip files: scan each stretch of adjacent image entries.
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start + 1
            while end < range.upperBound && targets[end].imageEntry == targets[end - 1].imageEntry! + 1 { end += 1 }
            if !scanStretch(start..<end, targets, search: search, showNames: showNames, image: image, scratch: scratch, slots: slots, offset: offset) {
                return
            }
            start = end
        }
    }

    /// Searches the one file of target `index` in the image.
    static func searchEntry(
        _ index: Int, _ targets: [GrepInvocation.Target], search: GrepSearch, showNames: Bool, image: CorpusImage,
        scratch: RegexMatcher.Scratch, slots: Slots, offset: Int
    ) {
        let file = image.entries[targets[index].imageEntry!]
        let buffer = UnsafeBufferPointer(start: image.base + file.offset, count: file.length)
        slots.outcomes[index - offset].file = search.search(buffer, name: showNames ? targets[index].name(image) : nil, scratch: scratch,
                                                            mayHoldNUL: image.byteCounts[0] > 0)
    }

    /// The one-pass scan of `searchImage` over targets whose image entries are adjacent; false
    /// after a `-q` hit (nothing more to search).
    static func scanStretch(
        _ range: Range<Int>, _ targets: [GrepInvocation.Target], search: GrepSearch, showNames: Bool, image: CorpusImage,
        scratch: RegexMatcher.Scratch, slots: Slots, offset: Int
    ) -> Bool {
        func entry(_ index: Int) -> CorpusImage.Entry { image.entries[targets[index].imageEntry!] }
        func searchFile(_ index: Int) { searchEntry(index, targets, search: search, showNames: showNames, image: image, scratch: scratch, slots: slots, offset: offset) }
        let regionEnd = entry(range.upperBound - 1).offset + entry(range.upperBound - 1).length
        var position = entry(range.lowerBound).offset
        // The pair index rules out a stretch with none of the literals every match must contain.
        if let literals = search.matcher.indexLiterals,
           !literals.contains(where: { image.mayContain($0.needle, caseless: $0.caseless, in: position..<regionEnd) }) { return true }
        var next = range.lowerBound
        while next < range.upperBound, let (hit, _) = search.matcher.firstMatch(image.base, regionEnd, from: position, scratch) {
            // The first target whose bytes end at or after the hit.
            var low = next, high = range.upperBound
            while low < high {
                let middle = (low + high) / 2
                if entry(middle).offset + entry(middle).length < hit { low = middle + 1 } else { high = middle }
            }
            guard low < range.upperBound else { return true }
            let file = entry(low)
            if hit >= file.offset {
                // While files keep matching (a common pattern), search the next one directly
                // rather than finding its first hit twice (in the range, then in the file).
                next = low
                repeat {
                    searchFile(next)
                    next += 1
                } while slots.outcomes[next - 1 - offset].file.selected > 0 && search.options.mode != .quiet && next < range.upperBound
                if search.options.mode == .quiet && slots.outcomes[next - 1 - offset].file.selected > 0 { return false }
                guard next < range.upperBound else { return true }
                position = entry(next - 1).offset + entry(next - 1).length + 1
            } else {
                next = low
                position = file.offset
            }
        }
        return true
    }
}

/// A growing read buffer reused across files by one worker (one thread at a time).
final class ReadBuffer: @unchecked Sendable {
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
