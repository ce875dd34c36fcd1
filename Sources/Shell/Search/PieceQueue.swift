import Foundation

/// Hands out a search's pieces in order to worker threads and their results back in order to
/// the thread that delivers them. Workers stay at most `window` pieces ahead of delivery, so
/// memory stays bounded however fast the search runs ahead of the output.
final class PieceQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var nextPiece = 0
    private var delivered = 0
    private var results: [GrepRunner.Slots?]
    private var stopped = false
    private var exited = 0

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
        results = Array(repeating: nil, count: count)
    }

    /// The next piece to search, or nil when there is none left (or the search stopped).
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && nextPiece < count && nextPiece >= delivered + window { condition.wait() }
        guard !stopped, nextPiece < count else { return nil }
        nextPiece += 1
        return nextPiece - 1
    }

    /// Stores a searched piece's outcomes.
    func finish(_ piece: Int, _ slots: GrepRunner.Slots) {
        condition.lock()
        results[piece] = slots
        condition.broadcast()
        condition.unlock()
    }

    /// What the delivering thread does next: deliver piece `piece` when it is done, else
    /// search a piece itself when one may be claimed, else wait.
    enum Step {
        case deliver(GrepRunner.Slots)
        case search(Int)
    }

    func next(toDeliver piece: Int) -> Step {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let slots = results[piece] {
                results[piece] = nil
                delivered = piece + 1
                condition.broadcast()
                return .deliver(slots)
            }
            if nextPiece < count && nextPiece < delivered + window {
                nextPiece += 1
                return .search(nextPiece - 1)
            }
            condition.wait()
        }
    }

    func workerExited() {
        condition.lock()
        exited += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Stops handing out pieces and waits until all `workers` threads have exited.
    func stopAndWait(workers: Int) {
        condition.lock()
        stopped = true
        condition.broadcast()
        while exited < workers { condition.wait() }
        condition.unlock()
    }
}
