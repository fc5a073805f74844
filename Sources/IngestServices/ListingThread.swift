import DeliveryRules
import Foundation
import Logging
import RecordStore
import ZeroMQ

/// Writes the records store's listing table on a thread of its own (`records-listing`), from the listing rows of
/// the batches the records writer committed (``RecordStore`` explains the split). It lists in runs of a few thousand
/// documents, a slice of rows per transaction between the writer's commits, and whatever waits once no batch has come
/// for a moment; stopping, it lists what is left.
final class ListingThread: @unchecked Sendable {
    // @unchecked: `store` (a database connection, not Sendable) is used only by the thread from `init` on, and the
    // queue and flags both threads touch are read and written under `condition`.

    private enum Handed {
        case listing(StoredListing)
        /// Rows dropped on the way, up to this sequence: those documents are read back from `records`.
        case skipped(through: UInt64)
    }

    private let store: RecordStore
    private let turns: WriteTurns
    private let logger: Logger
    private let condition = NSCondition()
    private var handed: [Handed] = []
    private var handedRows = 0
    private var stopping = false
    private var listAtStop = true
    private var stopped = false
    /// Used by the thread only.
    private var failures = LogRateLimit()
    private var behindLog = LogRateLimit()
    private var retryAt = -Double.infinity
    private var backoff = Backoff(initial: 0.5, maximum: 30)

    /// Rows in one listing transaction at least: what a commit may wait behind (1,024 put about 10 ms on the
    /// half-load p99). Under load a slice takes twice the rows handed over since the last one, so that the listing,
    /// which takes its turn between the commits, outpaces them whatever their size.
    static let sliceRows = 256
    /// How long without a batch before whatever waits is listed, a run however short.
    static let quietSeconds = 0.05
    /// Listing rows held at most, on the way and again waiting to be listed (so at most twice this in all, each a few
    /// hundred bytes with its strings): past this, as when the listing cannot write (a full disk), they are dropped
    /// and those documents read back from `records` later.
    static let handedRowLimit = 262_144
    /// Rows in one transaction at most while the listing is within eight runs, and at least beyond: rows gathered
    /// over a pause (a checkpoint waited for, a failure's backoff) never make one commit wait behind a whole run.
    static let catchUpRows = 16_384

    private let handedRowLimit: Int
    private let quietSeconds: Double
    /// The log's length, in frames, past which the listing waits for the writer's checkpoints.
    private let logFrameLimit: Int

    /// Opens the listing connection to `writer`'s store, counting the log's frames with it (call on the thread that
    /// owns `writer`, before it commits). `handedRowLimit` and `quietSeconds` are for tests: 0 drops every batch's
    /// rows, so that each document is read back; a long quiet keeps a few documents unlisted until the stop.
    init(writer: RecordStore, turns: WriteTurns, logger: Logger, logFrameLimit: Int, handedRowLimit: Int = ListingThread.handedRowLimit,
         quietSeconds: Double = ListingThread.quietSeconds) throws {
        store = try RecordStore.openForListing(path: writer.path)
        try store.countLogFrames(into: writer)
        self.logFrameLimit = logFrameLimit
        self.handedRowLimit = handedRowLimit
        self.quietSeconds = quietSeconds
        self.turns = turns
        self.logger = logger
        startThread(named: "records-listing") { [self] in serve() }
    }

    /// Hands over a committed batch's listing rows; returns at once.
    func hand(_ listing: StoredListing) {
        guard listing.through > 0 else { return }
        condition.lock()
        if handedRows + listing.rowCount > handedRowLimit {
            handed = [.skipped(through: listing.through)]
            handedRows = 0
        } else {
            handed.append(.listing(listing))
            handedRows += listing.rowCount
        }
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once what was handed over is taken, listing first whatever the listing table lacks (unless
    /// `listingWhatIsLeft` is false: the aggregator stops on a fault, and writes nothing more).
    func stop(listingWhatIsLeft: Bool) {
        condition.change({
            stopping = true
            listAtStop = listingWhatIsLeft
        }, thenWaitUntil: { stopped })
    }

    private func serve() {
        var lastHanded = monotonicSeconds()
        var rowsSinceSlice = 0
        while true {
            let now = monotonicSeconds()
            let busy = now >= retryAt && hasRunToList
            let quietAt = max(lastHanded + quietSeconds, retryAt)
            let (taken, stop) = take(waitingUntil: busy ? nil : (store.unlisted > 0 ? quietAt : .infinity))
            if !taken.isEmpty { lastHanded = monotonicSeconds() }
            for item in taken {
                switch item {
                case .listing(let listing):
                    store.takeListing(listing)
                    rowsSinceSlice += listing.rowCount
                case .skipped(let through):
                    store.skipListing(through: through)
                }
            }
            if store.heldListingRows > handedRowLimit {
                // Held while the listing cannot write, or falls this far behind: read back later instead.
                store.skipListing(through: store.lastStoredSequence)
                if behindLog.admit(now: monotonicSeconds()) {
                    logger.warning("the records store's listing fell behind: its rows are dropped and read back from the records later",
                                   metadata: ["unlisted": "\(store.unlisted)", "total": "\(behindLog.count)"])
                }
            }
            if stop {
                // Bounded, as at open: a backlog left by a long disk fault is read back by the next start's listing
                // instead of holding the stop (and the last snapshot behind it) past the stop script's patience.
                if listAtStop { list { try store.listPending(limit: 8 * RecordStore.listingBatch) } }
                try? store.close(listingWhatIsLeft: false)
                condition.announce { stopped = true }
                return
            }
            let at = monotonicSeconds()
            guard at >= retryAt, store.unlisted > 0 else { continue }
            guard hasRunToList || at >= lastHanded + quietSeconds else {
                // Rows gathered before a run begins are not a pace to keep: a first slice twice their size held the
                // next commit behind a whole run (half-load p99 47-63 ms).
                rowsSinceSlice = 0
                continue
            }
            guard store.framesInLog < logFrameLimit else {
                // The log is long and its checkpoint slow (a loaded disk): the writer waits for it, and so does the listing.
                retryAt = at + 0.02
                continue
            }
            // Far behind (a backlog read back from `records`, say), whole runs at a time until it is within reach.
            let rows = store.unlisted >= UInt64(8 * RecordStore.listingBatch)
                ? max(Self.catchUpRows, 2 * rowsSinceSlice)
                : min(max(Self.sliceRows, 2 * rowsSinceSlice), Self.catchUpRows)
            if list({ try store.listSlice(rows: rows) }) { rowsSinceSlice = 0 }
        }
    }

    /// Whether a run is part-way inserted or enough documents wait to make one (else the listing waits for a quiet moment).
    private var hasRunToList: Bool { store.isListingRunOpen || store.unlisted >= UInt64(RecordStore.listingBatch) }

    /// What was handed over, and whether to stop; waits for either until `deadline` (monotonic seconds: nil does not
    /// wait, infinity waits as long as it takes).
    private func take(waitingUntil deadline: Double?) -> ([Handed], Bool) {
        condition.lock()
        defer { condition.unlock() }
        if let deadline {
            while handed.isEmpty, !stopping {
                let left = deadline - monotonicSeconds()
                guard left > 0 else { break }
                if left.isInfinite { condition.wait() } else { _ = condition.wait(until: Date(timeIntervalSinceNow: left)) }
            }
        }
        let taken = handed
        handed = []
        handedRows = 0
        return (taken, stopping)
    }

    /// A listing transaction in its turn. A failure only leaves the listing behind (readers still find every
    /// document in `records`), so it is logged, and the next tried after a pause.
    @discardableResult
    private func list(_ pass: () throws -> some Any) -> Bool {
        do {
            _ = try turns.listing(pass)
            backoff.reset()
            retryAt = -Double.infinity
            return true
        } catch {
            if failures.admit(now: monotonicSeconds()) {
                logger.warning("cannot write the records store's listing table yet", metadata: ["error": "\(error)", "total": "\(failures.count)"])
            }
            retryAt = monotonicSeconds() + backoff.next()
            return false
        }
    }
}
