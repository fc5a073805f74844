import Foundation

/// Takes turns at the records store's one write lock between the aggregator's two writing connections: the records
/// writer's commits go first, and the listing's slices fill the time between them. SQLite would make the loser of a
/// race sleep in its busy handler (a millisecond or more, on the STORED path too); here it waits on a condition and
/// starts the moment the other's transaction ends.
final class WriteTurns: @unchecked Sendable {
    // @unchecked: every stored property is read and written under `condition`.

    private let condition = NSCondition()
    private var writing = false
    private var recordsWaiting = 0

    /// Runs a transaction of the records writer, as soon as no other transaction runs.
    func records<T>(_ transaction: () throws -> T) rethrows -> T {
        condition.lock()
        recordsWaiting += 1
        while writing { condition.wait() }
        recordsWaiting -= 1
        writing = true
        condition.unlock()
        defer { finish() }
        return try transaction()
    }

    /// Runs a transaction of the listing, once no records transaction runs or waits.
    func listing<T>(_ transaction: () throws -> T) rethrows -> T {
        condition.lock()
        while writing || recordsWaiting > 0 { condition.wait() }
        writing = true
        condition.unlock()
        defer { finish() }
        return try transaction()
    }

    /// How many records transactions wait for their turn (tests).
    var recordsWaitingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return recordsWaiting
    }

    private func finish() {
        condition.lock()
        writing = false
        condition.broadcast()
        condition.unlock()
    }
}
