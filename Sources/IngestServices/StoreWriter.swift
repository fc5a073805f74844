import DeliveryRules
import Foundation
import Logging
import RecordStore
import ZeroMQ

/// Commits the aggregator's batches on a thread of its own, one at a time. On the loop, each batch's transaction
/// and fsync (about 45% of the aggregator's time) held up receiving, decoding, applying and answering; here the
/// next batch gathers meanwhile, and the loop's thread and this one each carry about half. The batches' listing rows
/// go to a ``ListingThread``, which writes the listing table close behind the records on a connection of its own.
///
/// The loop hands a batch over with ``commit(_:)`` when ``AggregatorStateMachine/beginCommit()`` says so, and takes
/// its outcome with ``take()`` once ``doorbell`` rings.
final class StoreWriter: @unchecked Sendable {
    // @unchecked: `store` (a database connection, not Sendable) is used only by the writer's thread from `init` on,
    // and every other stored property that both threads touch is read and written under `condition`.

    enum Outcome: Sendable, Equatable {
        /// Durable; the ids in `storedBefore` were in the store already, and their records were skipped.
        case committed(storedBefore: Set<String>)
        case failed(String)
        /// SQLite found a damaged page: nothing of the batch was stored, and nothing more should be written.
        case damaged(String)
    }

    /// Rung when a batch's outcome is ready.
    let doorbell: Doorbell
    private let store: RecordStore
    /// Copies the write-ahead log into the database as it grows, beside the commits.
    let checkpoints: CheckpointThread
    /// Writes the listing table behind the commits.
    private let listings: ListingThread
    /// The store's write lock, shared with the listing's connection.
    private let turns = WriteTurns()
    /// The log's length, in frames, at which a checkpoint is asked for.
    private let checkpointFrames: Int
    private let logger: Logger
    private let condition = NSCondition()
    private var handedOver: [NewRecord]?
    private var committing = false
    private var outcome: Outcome?
    private var stopping = false
    private var listAtStop = true
    private var stopped = false
    /// Used by the writer's thread only.
    private var storeLog = LogRateLimit()
    /// The checkpoint thread's count of runs when the writer asked it for one, until the log is short again.
    private var checkpointsAsked: Int?
    /// After a copy of the log's rest failed (a full disk): not before this time, then later each time.
    private var checkpointRetryAt = -Double.infinity
    private var checkpointBackoff = Backoff(initial: 1, maximum: 30)

    /// How long the writer waits for a batch before it looks at the log's length again.
    static let quietSeconds = 0.05
    /// How many times ``RecordStore/checkpointFrames`` the log may reach before the writer waits for its checkpoint.
    static let logLimit = 4

    /// `checkpointPause`, `listingRowLimit` and `listingQuietSeconds` are for tests: a pause before each checkpoint, as a
    /// loaded disk makes them slow; how many listing rows may wait for the listing thread, and how long it waits for
    /// more before it lists a few (see ``ListingThread``).
    init(store: RecordStore, logger: Logger, checkpointFrames: Int = RecordStore.checkpointFrames, checkpointPause: Double = 0,
         listingRowLimit: Int = ListingThread.handedRowLimit, listingQuietSeconds: Double = ListingThread.quietSeconds) throws {
        doorbell = try Doorbell()
        self.checkpointFrames = checkpointFrames
        try store.leaveCheckpointsToAnotherConnection()
        let checkpoints = try CheckpointThread(path: store.path, logger: logger, pause: checkpointPause)
        do {
            listings = try ListingThread(writer: store, turns: turns, logger: logger, logFrameLimit: Self.logLimit * checkpointFrames,
                                         handedRowLimit: listingRowLimit, quietSeconds: listingQuietSeconds)
        } catch {
            checkpoints.stop()
            throw error
        }
        self.checkpoints = checkpoints
        self.store = store
        self.logger = logger
        startThread(named: "records-store") { [self] in serve() }
    }

    /// Hands `batch` to the writer's thread: all of it is committed in one transaction, or none of it.
    func commit(_ batch: [NewRecord]) {
        condition.lock()
        handedOver = batch
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome of the batch handed over last, exactly once; nil before it is known.
    func take() -> Outcome? {
        condition.lock()
        defer { outcome = nil; condition.unlock() }
        return outcome
    }

    /// Waits for the batch handed over last, if it is not done, and takes its outcome (at shutdown).
    func waitForOutcome() -> Outcome? {
        condition.lock()
        defer { outcome = nil; condition.unlock() }
        while outcome == nil, handedOver != nil || committing { condition.wait() }
        return outcome
    }

    /// Ends the thread after the batch handed over last, listing first whatever the listing table lacks (unless
    /// `listingWhatIsLeft` is false: the aggregator stops on a fault, and writes nothing more).
    func stop(listingWhatIsLeft: Bool = true) {
        condition.lock()
        stopping = true
        listAtStop = listingWhatIsLeft
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private enum Work {
        case commit([NewRecord])
        case idle
        case finish(listingWhatIsLeft: Bool)
    }

    private func serve() {
        while true {
            checkpointIfLong()
            switch nextWork() {
            case .commit(let batch):
                let result = append(batch)
                condition.lock()
                outcome = result
                committing = false
                condition.broadcast()
                condition.unlock()
                doorbell.ring()
            case .idle:
                continue
            case .finish(let listingWhatIsLeft):
                listings.stop(listingWhatIsLeft: listingWhatIsLeft)
                // Its connection closes with its thread. Whichever connection closes last copies the log into the
                // database if it may write; if it is a reader's, the next writer's open does.
                checkpoints.stop()
                condition.lock()
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    /// Waits for a batch, the stop, or a quiet moment (the log's length is looked at again after each).
    private func nextWork() -> Work {
        condition.lock()
        defer { condition.unlock() }
        let quietFrom = Date(timeIntervalSinceNow: Self.quietSeconds)
        while handedOver == nil, !stopping {
            if !condition.wait(until: quietFrom) { return .idle }
        }
        guard let batch = handedOver else { return .finish(listingWhatIsLeft: listAtStop) }
        handedOver = nil
        committing = true
        return .commit(batch)
    }

    /// A long log is copied by the checkpoint thread; once it has run since it was asked, what the writer committed
    /// meanwhile is copied here, and the next commit starts the log again.
    private func checkpointIfLong() {
        let frames = store.framesInLog
        guard frames >= checkpointFrames else {
            checkpointsAsked = nil
            return
        }
        guard let asked = checkpointsAsked else {
            checkpointsAsked = checkpoints.checkpointsRun
            checkpoints.ask()
            return
        }
        // A checkpoint slower than the commits behind it (a loaded disk) would let them grow the log for as long as it
        // runs: past four times the length that asks for one, the writer waits for it, so the log stays bounded.
        if frames >= Self.logLimit * checkpointFrames { checkpoints.waitUntilIdle(seconds: 5) }
        guard checkpoints.checkpointsRun > asked, !checkpoints.isBusy, monotonicSeconds() >= checkpointRetryAt else { return }
        do {
            // In the write turn: a listing commit meanwhile would leave frames uncopied, and the log would not restart.
            try turns.records { try store.copyLogRemainder() }
            checkpointBackoff.reset()
            checkpointsAsked = nil
        } catch {
            // The count stays long, so both copies would be asked for again at once (every 50 ms when idle): wait.
            if storeLog.admit(now: monotonicSeconds()) { logger.warning("cannot checkpoint the records store", metadata: ["error": "\(error)"]) }
            checkpointRetryAt = monotonicSeconds() + checkpointBackoff.next()
            checkpointsAsked = checkpoints.checkpointsRun
            checkpoints.ask()
        }
    }

    private func append(_ batch: [NewRecord]) -> Outcome {
        do {
            let (storedBefore, listing) = try turns.records { try store.appendLeavingListing(batch) }
            listings.hand(listing)
            return .committed(storedBefore: storedBefore)
        } catch RecordStoreError.corrupt(let path, let detail) {
            return .damaged("\(RecordStoreError.corrupt(path: path, detail: detail))")
        } catch {
            // On a full disk the WAL itself may be what fills it (it grows to 32 MiB between checkpoints, and a
            // commit that cannot grow it never reaches the next one): a checkpoint that truncates it gives that
            // space back before the retry. If the disk cannot take even that, the retry finds out.
            do {
                // A checkpoint running on the other connection holds the lock this one needs: it ends first.
                checkpoints.waitUntilIdle(seconds: 5)
                try turns.records { try store.checkpoint() }
                logger.info("checkpointed the records store after a failed commit, freeing its write-ahead log")
            } catch {
                if storeLog.admit(now: monotonicSeconds()) { logger.warning("cannot checkpoint the records store either", metadata: ["error": "\(error)"]) }
            }
            return .failed("\(error)")
        }
    }
}
